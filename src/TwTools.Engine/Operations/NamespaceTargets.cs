using TwTools.Engine.Namespaces;

namespace TwTools.Engine.Operations;

/// <summary>
/// Turns a <see cref="NamespaceSelection"/> into hosts on this machine, one per distinct namespace, which every
/// operation then works on as it works on any host (in parallel, each failing alone). The caller disposes them: each
/// holds a thread inside its namespace once entered.
/// </summary>
public static class NamespaceTargets
{
    public static IReadOnlyList<NamespaceKernelHost> OnThisMachine(NamespaceSelection selection, CancellationToken cancellation)
    {
        var found = new List<NetworkNamespace>();
        var discovered = selection.All ? NamespaceDiscovery.All(cancellation) : [];
        found.AddRange(discovered);

        found.AddRange(selection.Names.Select(n => NamespaceDiscovery.OfNameOrFile(n, cancellation)));
        found.AddRange(selection.ProcessIds.Select(p => NamespaceDiscovery.OfProcess(p, cancellation)));
        found.AddRange(selection.Containers.SelectMany(c => NamespaceDiscovery.OfContainer(c, cancellation)));

        // One host per namespace however often it was named (two containers of one pod are one namespace).
        var named = found.Skip(discovered.Count).Select(n => n.Inode).ToHashSet();
        return found.DistinctBy(n => n.Inode).Select(n => new NamespaceKernelHost(n) { Found = !named.Contains(n.Inode) }).ToList();
    }
}
