using TwTools.Engine.Diagnostics;
using TwTools.Engine.Fleet;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.Namespaces;
using TwTools.Engine.Remote;

namespace TwTools.Engine.Operations;

/// <summary>
/// The network namespaces a selection names, on remote hosts: each host once per namespace, entered there with nsenter.
/// --netns and --pid need no round trip; --container and --all-netns first list each host's namespaces (in parallel),
/// and a host that cannot be listed, or lacks a container named, becomes a target that fails in its place.
/// </summary>
public static class RemoteNamespaces
{
    public static IReadOnlyList<RemoteKernelHost> On(RemoteKernelHost host, NamespaceSelection selection) =>
        [.. selection.Names.Select(n => host.WithNamespace(n, null)), .. selection.ProcessIds.Distinct().Select(p => host.WithNamespace(null, p))];

    /// <summary>Every host's targets, host by host in the order given.</summary>
    public static IReadOnlyList<IKernelHost> Expand(IReadOnlyList<RemoteKernelHost> hosts, NamespaceSelection selection, int throttle, IEngineOutput output)
    {
        if (!selection.All && selection.Containers.Count == 0)
        {
            return hosts.SelectMany(h => On(h, selection)).ToList<IKernelHost>();
        }

        var listed = FleetRunner.Run(hosts.ToList<IKernelHost>(), throttle, "Finding network namespaces", (h, o, _) => ((RemoteKernelHost)h).Discover(o.Cancellation), (_, _) => false, output).ToList();
        var targets = new List<IKernelHost>();
        for (var i = 0; i < hosts.Count; i++)
        {
            if (!listed[i].Succeeded)
            {
                targets.Add(new FailedTarget(hosts[i].Name, new TwOperationException(listed[i].Errors.ToList())));
                continue;
            }

            targets.AddRange(Targets(hosts[i], listed[i].Result!, selection));
        }

        return targets;
    }

    private static IEnumerable<IKernelHost> Targets(RemoteKernelHost host, DiscoveryAnswer listing, NamespaceSelection selection)
    {
        var seen = new HashSet<ulong>();
        foreach (var found in selection.All ? listing.Namespaces : [])
        {
            seen.Add(found.Inode);
            yield return host.WithNamespace(found);
        }

        foreach (var container in selection.Containers)
        {
            var matches = listing.OfContainer(container);
            if (matches.Count == 0)
            {
                yield return new FailedTarget($"{host.Name} [container {container}]", NamespaceErrors.NoSuchContainer(container, $" on {host.Name}"));
            }

            foreach (var found in matches.Where(m => seen.Add(m.Inode)))
            {
                yield return host.WithNamespace(found);
            }
        }

        foreach (var target in On(host, selection))
        {
            yield return target;
        }
    }
}
