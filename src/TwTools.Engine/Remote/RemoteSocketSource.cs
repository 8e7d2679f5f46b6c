using System.Text;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Remote;

/// <summary>
/// A remote host's sockets, from the /proc/net/tcp{,6} text its read program sends back (all a host
/// without TwTools can offer). The first read may reuse the answer that also carried the kernel
/// settings, so a one-snapshot command costs one round trip; each later read is a new one.
/// </summary>
internal sealed class RemoteSocketSource : ISocketSource
{
    private readonly Func<CancellationToken, ReadAnswer> _read;
    private ReadAnswer? _pending;

    public RemoteSocketSource(string hostName, Func<CancellationToken, ReadAnswer> read, ReadAnswer? first = null)
    {
        Name = hostName + ":/proc/net/tcp";
        _read = read;
        _pending = first;
    }

    public string Name { get; }

    public IEnumerable<TcpSocketRecord> Read(SocketFilter filter, CancellationToken cancellation)
    {
        var answer = _pending ?? _read(cancellation);
        _pending = null;
        return Parse(answer, filter, cancellation);
    }

    private static IEnumerable<TcpSocketRecord> Parse(ReadAnswer answer, SocketFilter filter, CancellationToken cancellation)
    {
        foreach (var (text, family) in new[] { (answer.Tcp, InetFamily.IPv4), (answer.Tcp6, InetFamily.IPv6) })
        {
            if (text is null || !filter.WantsFamily(family))
            {
                continue;
            }

            using var stream = new MemoryStream(Encoding.ASCII.GetBytes(text));
            foreach (var record in ProcNetTcpText.Read(stream, filter, cancellation))
            {
                yield return record;
            }
        }
    }
}
