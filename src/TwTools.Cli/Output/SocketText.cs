using System.Globalization;
using TwTools.Engine.Sockets;
using TwTools.Engine.Text;

namespace TwTools.Cli.Output;

/// <summary>Sockets as netstat lays them out, streamed line by line so 200k sockets never sit in memory.</summary>
internal static class SocketText
{
    public static void WriteSockets(TextWriter output, IEnumerable<TcpSocket> sockets, bool withProcess)
    {
        output.Write("Proto  Local Address                                   Foreign Address                                 State        Timer");
        output.Write(withProcess ? "                 PID/Program\n" : "\n");
        foreach (var socket in sockets)
        {
            output.Write(socket.AddressFamily == InetFamily.IPv6 ? "tcp6   " : "tcp    ");
            output.Write(Endpoint(socket.LocalAddress, socket.LocalPort, socket.AddressFamily).PadRight(48));
            output.Write(Endpoint(socket.RemoteAddress, socket.RemotePort, socket.AddressFamily).PadRight(48));
            output.Write(TcpStateNames.Display(socket.State).PadRight(13));
            var timer = Timer(socket);
            if (withProcess)
            {
                output.Write(timer.PadRight(22));
                output.Write(socket.OwningProcess is { } pid ? pid.ToString(CultureInfo.InvariantCulture) + "/" + TerminalText.Escape(socket.ProcessName ?? string.Empty) : "-");
            }
            else
            {
                output.Write(timer);
            }

            output.Write('\n');
        }
    }

    public static void WriteSummary(TextWriter output, SocketSummary summary)
    {
        var table = new TextTable("STATE", "IPV4", "IPV6", "TOTAL");
        // Zero rows are noise in a terminal; TIME_WAIT always shows, being why anyone asks. --json has every state.
        foreach (var row in summary.States.Where(r => r.Total > 0 || r.State == TcpState.TimeWait))
        {
            table.Add(TcpStateNames.Display(row.State), Number(row.IPv4), Number(row.IPv6), Number(row.Total));
        }

        table.Add("(all)", Number(summary.States.Sum(s => s.IPv4)), Number(summary.States.Sum(s => s.IPv6)), Number(summary.Total));
        output.Write(table.ToString());
        var k = summary.Kernel;
        output.Write(string.Create(CultureInfo.InvariantCulture,
            $"kernel (/proc/net/sockstat): inuse {k.InUse?.ToString() ?? "n/a"}, inuse6 {k.InUse6?.ToString() ?? "n/a"}, timewait {k.TimeWait?.ToString() ?? "n/a"}, orphans {k.Orphans?.ToString() ?? "n/a"}, memory {k.MemoryPages?.ToString() ?? "n/a"} pages\n"));
    }

    // "timewait (42.1s)", as ss -o and netstat -o name the timers.
    private static string Timer(TcpSocket socket) => socket.Timer switch
    {
        SocketTimerKind.None => "off",
        _ => string.Create(CultureInfo.InvariantCulture, $"{Name(socket.Timer)} ({socket.TimeLeft!.Value.TotalSeconds:0.0}s)"),
    };

    private static string Name(SocketTimerKind timer) => timer switch
    {
        SocketTimerKind.Retransmit => "on",
        SocketTimerKind.KeepAlive => "keepalive",
        SocketTimerKind.TimeWait => "timewait",
        SocketTimerKind.ZeroWindowProbe => "persist",
        _ => "off",
    };

    private static string Endpoint(string address, int port, InetFamily family) =>
        (family == InetFamily.IPv6 ? "[" + address + "]" : address) + ":" + (port == 0 ? "*" : port.ToString(CultureInfo.InvariantCulture));

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
