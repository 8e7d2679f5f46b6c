using TwTools.Engine.Kernel;

namespace TwTools.Engine.Sockets;

/// <summary>
/// One host's sockets as its <see cref="Hosts.IKernelHost"/> opened them, with what goes with them:
/// the kernel settings they are judged against, the kernel's own totals, and who owns them when this
/// machine can tell (a remote host or a capture cannot).
/// </summary>
/// <param name="Kernel">Read only when asked: a listing does not need it, and a remote host's comes with the sockets.</param>
/// <param name="Sockstat">Empty when nobody counted (a capture).</param>
/// <param name="Owners">Null where this machine's /proc cannot name the owners.</param>
public sealed record HostSockets(
    string HostName,
    ISocketSource Source,
    Func<KernelSnapshot> Kernel,
    SockstatCounters Sockstat,
    Func<CancellationToken, SocketOwnerIndex>? Owners);
