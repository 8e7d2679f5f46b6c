using TwTools.Engine.Kernel;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Exhaustion;

/// <summary>
/// One pass over the socket table that sorts every port-holding socket into client side (per
/// destination) or server side (per listening port), keeping counts only. The listeners are read
/// first with a LISTEN-only dump, which the kernel serves without walking established sockets.
/// </summary>
internal sealed class PortUsageScan
{
    /// <summary>Time a socket spends in TIME_WAIT (TCP_TIMEWAIT_LEN); fixed in the kernel, not tcp_fin_timeout.</summary>
    public const int TimeWaitMilliseconds = 60_000;

    private static readonly SocketFilter Listeners = new() { States = TcpStateSet.Of(TcpState.Listen) };
    private static readonly SocketFilter Holding = new() { States = TcpStateSet.PortHolding };

    public required HashSet<ushort> ListeningPorts { get; init; }

    public Dictionary<DestinationKey, DestinationCounts> Destinations { get; } = [];

    /// <summary>TIME_WAIT on listening ports, by port: the server closed first.</summary>
    public SortedDictionary<ushort, long> ServerTimeWait { get; } = [];

    /// <summary>Client-side sockets this scan saw, and whether each was in TIME_WAIT; kept only when sampling.</summary>
    public Dictionary<SocketTuple, bool>? Tuples { get; init; }

    public long TotalSockets { get; private set; }

    public static PortUsageScan Run(
        ISocketSource source, PortRange range, TimeWaitReuse reuse, bool keepTuples,
        IReadOnlyDictionary<SocketTuple, bool>? previous, CancellationToken cancellation)
    {
        var listening = new HashSet<ushort>();
        foreach (var socket in source.Read(Listeners, cancellation))
        {
            listening.Add(socket.LocalPort);
        }

        var scan = new PortUsageScan { ListeningPorts = listening, Tuples = keepTuples ? [] : null };
        foreach (var socket in source.Read(Holding, cancellation))
        {
            scan.Add(socket, range, reuse, previous);
        }

        return scan;
    }

    private void Add(in TcpSocketRecord socket, PortRange range, TimeWaitReuse reuse, IReadOnlyDictionary<SocketTuple, bool>? previous)
    {
        TotalSockets++;
        var isTimeWait = socket.State == TcpState.TimeWait;
        if (ListeningPorts.Contains(socket.LocalPort))
        {
            if (isTimeWait)
            {
                ServerTimeWait[socket.LocalPort] = ServerTimeWait.GetValueOrDefault(socket.LocalPort) + 1;
            }

            return;
        }

        if (!range.Contains(socket.LocalPort))
        {
            return;
        }

        var key = DestinationKey.Of(socket);
        if (!Destinations.TryGetValue(key, out var counts))
        {
            counts = new DestinationCounts();
            Destinations[key] = counts;
        }

        counts.InUse++;
        if (isTimeWait)
        {
            counts.TimeWait++;
            var age = TimeWaitMilliseconds - (long)socket.TimerMilliseconds;
            if (reuse.IsEffectiveFor(key.RemoteAddress) && age >= reuse.DelayMilliseconds)
            {
                counts.TimeWaitReusable++;
            }
        }

        var tuple = SocketTuple.Of(socket);
        Tuples?.TryAdd(tuple, isTimeWait);
        if (previous is not null)
        {
            if (!previous.TryGetValue(tuple, out var wasTimeWait))
            {
                counts.NewConnections++;
                counts.NewTimeWait += isTimeWait ? 1 : 0;
            }
            else if (isTimeWait && !wasTimeWait)
            {
                counts.NewTimeWait++;
            }
        }
    }
}
