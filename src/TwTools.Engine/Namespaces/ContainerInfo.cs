namespace TwTools.Engine.Namespaces;

/// <summary>One running container as its runtime lists it.</summary>
internal sealed record ContainerInfo(string Runtime, string Id, string Name)
{
    public string? PodId { get; init; }

    public string? PodName { get; init; }

    /// <summary>A Kubernetes pod's namespace (only CRI runtimes have one).</summary>
    public string? PodNamespace { get; init; }

    public int? ProcessId { get; init; }

    /// <summary>A pod's infra container, which holds the pod's namespaces: never the name to show for them.</summary>
    public bool IsInfra { get; init; }
}
