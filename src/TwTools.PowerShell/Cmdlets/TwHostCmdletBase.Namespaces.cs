using TwTools.Engine.Diagnostics;
using TwTools.Engine.Fleet;
using TwTools.Engine.Namespaces;
using TwTools.Engine.Operations;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// -NetworkNamespace, -ProcessId, -Container and -AllNetworkNamespaces: the namespaces of this machine, each worked on
/// as a host of its own in the same fan-out as remote hosts (results in order, each failing alone), and let go at the end.
/// </summary>
public abstract partial class TwHostCmdletBase
{
    private readonly List<NamespaceKernelHost> _namespaceHosts = [];
    private readonly HashSet<ulong> _namespaceInodes = [];

    private NamespaceSelection Namespaces() => new()
    {
        Names = NetworkNamespace ?? [],
        ProcessIds = ProcessId ?? [],
        Containers = Container ?? [],
        All = AllNetworkNamespaces,
    };

    private void QueueNamespaces(NamespaceSelection selection, FleetRunner.HostWork<Action> work)
    {
        // Each name on its own, as each -HostName is: one that is not there is its own error in its place, the others go on.
        var parts = new List<(object Target, NamespaceSelection Part)>();
        if (selection.All)
        {
            parts.Add((nameof(AllNetworkNamespaces), new NamespaceSelection { All = true }));
        }

        parts.AddRange(selection.Names.Select(n => ((object)n, new NamespaceSelection { Names = [n] })));
        parts.AddRange(selection.ProcessIds.Select(p => ((object)p, new NamespaceSelection { ProcessIds = [p] })));
        parts.AddRange(selection.Containers.Select(c => ((object)c, new NamespaceSelection { Containers = [c] })));
        foreach (var (target, part) in parts)
        {
            try
            {
                // A namespace named by two records (or twice in one) is worked on once, as a host named twice is.
                foreach (var host in NamespaceTargets.OnThisMachine(part, EngineOutput).Where(h => _namespaceInodes.Add(h.Namespace.Inode)))
                {
                    _namespaceHosts.Add(host);
                    _queued.Add(new QueuedHost(host.Name, host, work));
                }
            }
            catch (TwOperationException e)
            {
                _queued.Add(QueuedHost.Refused($"{target}", e, report: true, target));
            }
        }
    }

    // A remote host once per namespace named, each entered there with nsenter; the host itself when none was. Containers
    // and every namespace are found on the host by a round trip of their own, just before the run.
    private void Queue(Engine.Hosts.IKernelHost host, NamespaceSelection selection, FleetRunner.HostWork<Action> work)
    {
        if (selection.IsEmpty || host is not Engine.Remote.RemoteKernelHost remote)
        {
            _queued.Add(new QueuedHost(host.Name, host, work));
        }
        else if (selection.All || selection.Containers.Count > 0)
        {
            _queued.Add(new QueuedHost(host.Name, host, work) { Expand = selection });
        }
        else
        {
            _queued.AddRange(RemoteNamespaces.On(remote, selection).Select(t => new QueuedHost(t.Name, t, work)));
        }
    }

    /// <summary>Each remote host that asked for its containers or all its namespaces, replaced in its place by what it has.</summary>
    private void ExpandRemoteNamespaces()
    {
        if (_queued.All(q => q.Expand is null))
        {
            return;
        }

        var expanded = new List<QueuedHost>();
        foreach (var queued in _queued)
        {
            expanded.AddRange(queued.Expand is null ? [queued]
                : RemoteNamespaces.Expand([(Engine.Remote.RemoteKernelHost)queued.Host!], queued.Expand, ThrottleLimit, EngineOutput).Select(t => new QueuedHost(t.Name, t, queued.Work)));
        }

        _queued.Clear();
        _queued.AddRange(expanded);
    }

    /// <summary>The machine and namespace of a target that failed, for its HostFailure; the name itself for any other host.</summary>
    private (string Host, TwTools.NetworkNamespace? Namespace) Target(string name) =>
        _namespaceHosts.FirstOrDefault(h => h.Name == name) is { } ns ? (ns.Machine, ns.Namespace) : (name, null);

    // Each namespace host holds a thread inside its namespace once entered.
    private void ReleaseNamespaces()
    {
        _namespaceHosts.ForEach(h => h.Dispose());
        _namespaceHosts.Clear();
    }
}
