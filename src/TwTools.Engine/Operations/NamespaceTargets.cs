using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Namespaces;

namespace TwTools.Engine.Operations;

/// <summary>
/// Turns a <see cref="NamespaceSelection"/> into hosts on this machine, one per distinct namespace, which every
/// operation then works on as it works on any host (in parallel, each failing alone). The caller disposes them: each
/// holds a thread inside its namespace once entered.
/// </summary>
public static class NamespaceTargets
{
    /// <param name="output">Told when a listing could not see every process's namespace (not root), and cancels the listing.</param>
    /// <param name="machine">How results and series name this machine.</param>
    public static IReadOnlyList<NamespaceKernelHost> OnThisMachine(NamespaceSelection selection, IEngineOutput output, string machine = "localhost")
    {
        var cancellation = output.Cancellation;
        var found = new List<NetworkNamespace>();
        var (discovered, hidden) = selection.All ? NamespaceDiscovery.Listing(cancellation) : ([], 0);
        if (hidden > 0)
        {
            // Listing fewer namespaces than there are, without a word, would let a compliance run pass that never saw them.
            var remedy = Files.TrustedDirectory.EffectiveUser == 0
                ? "even as root: they belong to another user namespace, or CAP_SYS_PTRACE is missing (a container needs it added)"
                : "run as root (or with CAP_SYS_PTRACE) to see them all";
            output.WriteWarning(TwDiagnostic.Warning(TwErrorIds.Namespace.NotPermitted,
                $"{hidden} process(es) run in network namespaces this user may not look at, so --all-netns lists only those it can see; {remedy}"));
        }

        found.AddRange(discovered);

        found.AddRange(selection.Names.Select(n => NamespaceDiscovery.OfNameOrFile(n, cancellation)));
        found.AddRange(selection.ProcessIds.Select(p => NamespaceDiscovery.OfProcess(p, cancellation)));
        found.AddRange(selection.Containers.SelectMany(c => NamespaceDiscovery.OfContainer(c, cancellation)));

        // One host per namespace however often it was named (two containers of one pod are one namespace).
        var named = found.Skip(discovered.Count).Select(n => n.Inode).ToHashSet();
        return found.DistinctBy(n => n.Inode).Select(n => new NamespaceKernelHost(n, machine) { Found = !named.Contains(n.Inode) }).ToList();
    }
}
