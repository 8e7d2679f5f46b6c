using TwTools.Engine.Namespaces;
using TwTools.Engine.Remote;

namespace TwTools.Engine.Operations;

/// <summary>The network namespaces a selection names, on one remote host: the host once per namespace, each entered there with nsenter.</summary>
public static class RemoteNamespaces
{
    public static IReadOnlyList<RemoteKernelHost> On(RemoteKernelHost host, NamespaceSelection selection) =>
        [.. selection.Names.Select(n => host.WithNamespace(n, null)), .. selection.ProcessIds.Distinct().Select(p => host.WithNamespace(null, p))];
}
