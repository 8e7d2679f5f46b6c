namespace TwTools.Engine.Namespaces;

/// <summary>
/// Which network namespaces a command works on, as a user named them: ip netns names or namespace files
/// (--netns, -NetworkNamespace), processes (--pid, -ProcessId), containers or pods (--container, -Container), or all.
/// Empty: the namespace TwTools runs in, as before.
/// </summary>
public sealed record NamespaceSelection
{
    public IReadOnlyList<string> Names { get; init; } = [];

    public IReadOnlyList<int> ProcessIds { get; init; } = [];

    public IReadOnlyList<string> Containers { get; init; } = [];

    public bool All { get; init; }

    public bool IsEmpty => !All && Names.Count == 0 && ProcessIds.Count == 0 && Containers.Count == 0;
}
