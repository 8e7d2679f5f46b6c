namespace TwTools.Engine.Sockets;

/// <summary>
/// Where sockets come from: the kernel over netlink, /proc/net/tcp text (a container without
/// netlink, a remote host, a PROC_ROOT tree), or a recording. Records stream: a source holds one
/// read buffer, never the whole table, so memory stays flat in the socket count.
/// </summary>
internal interface ISocketSource
{
    /// <summary>A short name for verbose output and benchmarks ("netlink", "/proc/net/tcp").</summary>
    string Name { get; }

    /// <summary>Sockets in <paramref name="filter"/>'s states and family; a source may also apply the rest of the filter.</summary>
    IEnumerable<TcpSocketRecord> Read(SocketFilter filter, CancellationToken cancellation);
}
