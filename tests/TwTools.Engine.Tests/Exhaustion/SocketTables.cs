using TwTools.Engine.Sockets;

namespace TwTools.Engine.Tests.Exhaustion;

/// <summary>Socket records built by hand, for analyses whose input must be exact.</summary>
internal static class SocketTables
{
    public static TcpSocketRecord Socket(TcpState state, string local, int localPort, string remote, int remotePort, uint timeLeftMs = 0)
    {
        InetAddress.TryParse(local, out var localAddress);
        InetAddress.TryParse(remote, out var remoteAddress);
        var timer = state == TcpState.TimeWait ? SocketTimerKind.TimeWait : SocketTimerKind.None;
        return new TcpSocketRecord(state, localAddress, (ushort)localPort, remoteAddress, (ushort)remotePort, timer, timeLeftMs, 0, 0, 0);
    }

    public static TcpSocketRecord Listener(string local, int port) => Socket(TcpState.Listen, local, port, "0.0.0.0", 0);

    /// <summary>TIME_WAIT entered <paramref name="ageMs"/> ago (time left = 60 s - age).</summary>
    public static TcpSocketRecord TimeWait(string local, int localPort, string remote, int remotePort, uint ageMs = 100) =>
        Socket(TcpState.TimeWait, local, localPort, remote, remotePort, 60_000 - ageMs);

    /// <summary>A source that serves a different table on each full read, as a host does between two samples.</summary>
    public sealed class Changing(params IReadOnlyList<TcpSocketRecord>[] tables) : ISocketSource
    {
        private int _reads;

        public string Name => "changing";

        public IEnumerable<TcpSocketRecord> Read(SocketFilter filter, CancellationToken cancellation)
        {
            // Each analysis snapshot reads listeners first, then the rest: two reads per table.
            var table = tables[Math.Min(_reads++ / 2, tables.Length - 1)];
            return table.Where(s => filter.Matches(s)).ToList();
        }
    }
}
