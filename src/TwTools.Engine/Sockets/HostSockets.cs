using TwTools.Engine.Kernel;

namespace TwTools.Engine.Sockets;

/// <summary>
/// One host's sockets as its <see cref="Hosts.IKernelHost"/> opened them, with what goes with them:
/// the kernel settings they are judged against, the kernel's own totals, and who owns them when this
/// machine can tell (a remote host or a capture cannot). Front ends hold it and hand it back to
/// <see cref="Operations.SocketListing"/>; what is inside is the engine's business.
/// </summary>
public sealed class HostSockets
{
    /// <param name="kernel">Read only when asked: a listing does not need it, and a remote host's comes with the sockets.</param>
    /// <param name="sockstat">Empty when nobody counted (a capture).</param>
    /// <param name="owners">Null where this machine's /proc cannot name the owners.</param>
    internal HostSockets(string hostName, ISocketSource source, Func<KernelSnapshot> kernel, SockstatCounters sockstat, Func<CancellationToken, SocketOwnerIndex>? owners)
    {
        HostName = hostName;
        Source = source;
        Kernel = kernel;
        Sockstat = sockstat;
        Owners = owners;
    }

    /// <summary>The host, or the capture's path for a capture.</summary>
    public string HostName { get; }

    /// <summary>The network namespace the sockets were read in, when a target named one.</summary>
    public NetworkNamespace? Namespace { get; internal init; }

    internal ISocketSource Source { get; }

    internal Func<KernelSnapshot> Kernel { get; }

    internal SockstatCounters Sockstat { get; }

    internal Func<CancellationToken, SocketOwnerIndex>? Owners { get; }
}
