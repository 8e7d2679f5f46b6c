using System.Globalization;
using System.Text;
using TwTools.Engine.Sockets;
using TwTools.Engine.Text;
using Xunit;

namespace TwTools.Engine.Tests.Sockets;

/// <summary>
/// The fast table writer prints, byte for byte, what the object path printed before it (kept here as the
/// oracle): scripts that parse <c>twtools sockets</c> must not notice it got faster.
/// </summary>
public class SocketTableLayoutTests
{
    // The object path as it was: TcpSocket strings, padded and concatenated per field.
    private static string Oracle(IEnumerable<TcpSocketRecord> records, SocketOwnerIndex? owners)
    {
        var output = new StringBuilder();
        output.Append("Proto  Local Address                                   Foreign Address                                 State        Timer");
        output.Append(owners is not null ? "                 PID/Program\n" : "\n");
        foreach (var socket in records.Select(r => TcpSocket.From(r, "h", owners?.Find(r.Inode))))
        {
            output.Append(socket.AddressFamily == InetFamily.IPv6 ? "tcp6   " : "tcp    ");
            output.Append(Endpoint(socket.LocalAddress, socket.LocalPort, socket.AddressFamily).PadRight(48));
            output.Append(Endpoint(socket.RemoteAddress, socket.RemotePort, socket.AddressFamily).PadRight(48));
            output.Append(TcpStateNames.Display(socket.State).PadRight(13));
            var timer = socket.Timer switch
            {
                SocketTimerKind.None => "off",
                _ => string.Create(CultureInfo.InvariantCulture, $"{Name(socket.Timer)} ({socket.TimeLeft!.Value.TotalSeconds:0.0}s)"),
            };
            if (owners is not null)
            {
                output.Append(timer.PadRight(22));
                output.Append(socket.OwningProcess is { } pid ? pid.ToString(CultureInfo.InvariantCulture) + "/" + TerminalText.Escape(socket.ProcessName ?? string.Empty) : "-");
            }
            else
            {
                output.Append(timer);
            }

            output.Append('\n');
        }

        return output.ToString();

        static string Name(SocketTimerKind timer) => timer switch
        {
            SocketTimerKind.Retransmit => "on",
            SocketTimerKind.KeepAlive => "keepalive",
            SocketTimerKind.TimeWait => "timewait",
            SocketTimerKind.ZeroWindowProbe => "persist",
            _ => "off",
        };

        static string Endpoint(string address, int port, InetFamily family) =>
            (family == InetFamily.IPv6 ? "[" + address + "]" : address) + ":" + (port == 0 ? "*" : port.ToString(CultureInfo.InvariantCulture));
    }

    private static List<TcpSocketRecord> Records(int count, int seed)
    {
        var random = new Random(seed);
        uint[] milliseconds = [0, 1, 49, 50, 51, 99, 949, 950, 951, 59_999, 60_000, 123_456_789, uint.MaxValue];
        InetAddress Address(bool v6) => random.Next(4) switch
        {
            0 => v6 ? InetAddress.FromBytes(new byte[16]) : InetAddress.FromIPv4(0),
            1 when v6 => InetAddress.FromBytes([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 10, 0, 0, (byte)random.Next(256)]),
            _ => v6 ? InetAddress.FromBytes(Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256)).ToArray()) : InetAddress.FromIPv4((uint)random.NextInt64(uint.MaxValue)),
        };
        return Enumerable.Range(0, count).Select(i =>
        {
            var v6 = random.Next(3) == 0;
            return new TcpSocketRecord(
                (TcpState)(random.Next(20) == 0 ? random.Next(256) : random.Next(1, 13)),
                Address(v6), (ushort)(random.Next(10) == 0 ? 0 : random.Next(65536)),
                Address(v6), (ushort)(random.Next(10) == 0 ? 0 : random.Next(65536)),
                (SocketTimerKind)random.Next(6), milliseconds[random.Next(milliseconds.Length)], 0, 0, (ulong)random.Next(1, 50));
        }).ToList();
    }

    private static string Written(IEnumerable<TcpSocketRecord> records, SocketOwnerIndex? owners)
    {
        using var buffer = new MemoryStream();
        new SocketTableWriter(buffer).Write(records, owners, default);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_table_is_byte_identical_to_the_object_path(int seed)
    {
        // 20k lines: several flushes of the 64 KiB buffer, every state, timer and address shape.
        var records = Records(20_000, seed);

        Assert.Equal(Oracle(records, null), Written(records, null));
    }

    [Fact]
    public void The_process_column_is_byte_identical_too_escaped_names_included()
    {
        var records = Records(5_000, 7);
        var owners = SocketOwnerIndex.Of(new Dictionary<ulong, SocketOwner>
        {
            [1] = new(1, "nginx"),
            [2] = new(22, "evil\u001b[31mred"),
            [3] = new(333, "ünïcødé"),
            [4] = new(4444, new string('x', 300)),
        });

        Assert.Equal(Oracle(records, owners), Written(records, owners));
    }

    [Fact]
    public void Timer_tenths_round_as_the_seconds_formatted_with_0_0_do()
    {
        var values = Enumerable.Range(0, 7_200_001).Select(i => (uint)i)
            .Concat(Enumerable.Range(0, 200_000).Select(i => (uint)new Random(i).NextInt64(uint.MaxValue)))
            .Append(uint.MaxValue);
        foreach (var ms in values)
        {
            var expected = TimeSpan.FromMilliseconds(ms).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            var tenths = SocketTableWriter.Tenths(ms);
            var actual = string.Create(CultureInfo.InvariantCulture, $"{tenths / 10}.{tenths % 10}");
            if (expected != actual)
            {
                Assert.Fail($"{ms} ms: \"0.0\" gives {expected}, tenths give {actual}");
            }
        }
    }
}
