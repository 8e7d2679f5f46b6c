using TwTools.Engine.LocalMachine;

namespace TwTools.Engine.Sockets;

/// <summary>
/// Reads /proc/net/tcp and /proc/net/tcp6 under a proc root: the fallback where netlink is not
/// allowed (some containers, seccomp profiles), and the seam tests and <c>TWTOOLS_PROC_ROOT</c> use.
/// Slower than netlink on big tables because the kernel formats every line as text.
/// </summary>
internal sealed class ProcNetTcpSocketSource : ISocketSource
{
    private readonly SystemPaths _paths;

    public ProcNetTcpSocketSource(SystemPaths paths) => _paths = paths;

    public string Name => "/proc/net/tcp";

    public IEnumerable<TcpSocketRecord> Read(SocketFilter filter, CancellationToken cancellation)
    {
        foreach (var (file, family) in new[] { ("net/tcp", InetFamily.IPv4), ("net/tcp6", InetFamily.IPv6) })
        {
            var path = _paths.Proc(file);
            if (!filter.WantsFamily(family) || !File.Exists(path))
            {
                continue;
            }

            // bufferSize 0: the records are parsed from our own buffer, a second copy is waste.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            foreach (var record in ProcNetTcpText.Read(stream, filter, cancellation))
            {
                yield return record;
            }
        }
    }
}
