namespace TwTools;

/// <summary>
/// The network namespace a result was read in. Every TIME_WAIT setting is per namespace, and a new namespace starts
/// from the kernel's defaults, so a container's values are its own: this says whose they are.
/// </summary>
public sealed class NetworkNamespace
{
    /// <summary>The namespace's inode (what <c>readlink /proc/PID/ns/net</c> shows as net:[INODE]): its identity.</summary>
    public required ulong Inode { get; init; }

    /// <summary>What a person calls it: <c>host</c>, an <c>ip netns</c> name, a container's or pod's name, else the first process.</summary>
    public required string Label { get; init; }

    /// <summary>Host, Named (ip netns), Container, Pod or Process.</summary>
    public required string Kind { get; init; }

    /// <summary>The container runtime that made it (podman, docker, containerd), when one did.</summary>
    public string? Runtime { get; init; }

    public string? Container { get; init; }

    public string? ContainerId { get; init; }

    public string? Pod { get; init; }

    /// <summary>The Kubernetes namespace of the pod, when the runtime says.</summary>
    public string? PodNamespace { get; init; }

    /// <summary>A process that runs in it, when one does (a namespace held only by a file has none).</summary>
    public int? ProcessId { get; init; }

    /// <summary>The file TwTools entered it through: /proc/PID/ns/net, /run/netns/NAME, a runtime's own file.</summary>
    public required string Path { get; init; }

    public bool IsHost => Kind == HostKind;

    internal const string HostKind = "Host";
    internal const string NamedKind = "Named";
    internal const string ContainerKind = "Container";
    internal const string PodKind = "Pod";
    internal const string ProcessKind = "Process";

    public override string ToString() => Label;
}
