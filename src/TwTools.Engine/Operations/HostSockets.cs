using TwTools.Engine.Hosting;
using TwTools.Engine.Kernel;
using TwTools.Engine.Remote;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Operations;

/// <summary>
/// Where one host's sockets come from: this machine's netlink or /proc files, or a remote host's
/// read answer, which brings the kernel settings and sockstat totals in the same round trip.
/// </summary>
public sealed record HostSockets(string HostName, ISocketSource Source, Func<KernelSnapshot> Kernel, SockstatCounters Sockstat, bool IsLocal)
{
    public static HostSockets Open(IKernelHost host, SystemPaths paths, SocketSourceKind kind, CancellationToken cancellation)
    {
        if (host is RemoteKernelHost remote)
        {
            var answer = remote.Read(sockets: true, cancellation);
            return new HostSockets(remote.Name, new RemoteSocketSource(remote, answer), () => answer.Kernel, answer.Sockstat, IsLocal: false);
        }

        return new HostSockets(host.Name, SocketSources.ForLocalHost(paths, kind), () => host.ReadKernel(cancellation), SocketSources.ReadSockstat(paths), IsLocal: true);
    }
}
