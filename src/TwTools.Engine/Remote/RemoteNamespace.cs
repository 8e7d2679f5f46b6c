using System.Globalization;
using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Remote;

/// <summary>
/// A network namespace on a remote host, entered there with nsenter by the host's own sh: an ip netns name, a namespace
/// file, or a process's. The programs that read and apply run inside it; the host's sysctl.d never counts as its own.
/// </summary>
internal sealed record RemoteNamespace(string Path, string Label, string Kind, int? ProcessId)
{
    /// <summary>As the host's namespace listing found and named it (a container's, a pod's), when it came from one.</summary>
    public NetworkNamespace? Found { get; init; }

    public static RemoteNamespace Of(NetworkNamespace found) => new(found.Path, found.Label, found.Kind, found.ProcessId) { Found = found };

    public static RemoteNamespace OfName(string nameOrPath)
    {
        var path = nameOrPath.Contains('/', StringComparison.Ordinal) ? nameOrPath : "/run/netns/" + nameOrPath;
        if (!ShellText.IsSafeWord(path) || path.Contains(' ', StringComparison.Ordinal) || path.Contains('\t', StringComparison.Ordinal))
        {
            throw new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.NoSuchNamespace, TwErrorCategory.InvalidArgument,
                $"'{Text.PrintableText.Of(nameOrPath, 200)}' is not a network namespace name or path TwTools can send to a host (letters, digits, . _ - / only)") with { Field = "netns" });
        }

        return new RemoteNamespace(path, nameOrPath.Contains('/', StringComparison.Ordinal) ? $"file:{path}" : $"netns:{nameOrPath}", NetworkNamespace.NamedKind, null);
    }

    public static RemoteNamespace OfProcess(int pid) =>
        new($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net", $"pid:{pid.ToString(CultureInfo.InvariantCulture)}", NetworkNamespace.ProcessKind, pid);

    /// <summary>The namespace as results name it, with the inode the host reported.</summary>
    public NetworkNamespace Identity(ulong inode) => Found is { } found
        ? new() { Inode = inode, Label = found.Label, Kind = found.Kind, Runtime = found.Runtime, Container = found.Container, ContainerId = found.ContainerId, Pod = found.Pod, PodNamespace = found.PodNamespace, ProcessId = found.ProcessId, Path = found.Path }
        : new() { Inode = inode, Label = Label, Kind = Kind, ProcessId = ProcessId, Path = Path };
}
