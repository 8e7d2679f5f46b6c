using System.Text;
using TwTools.Engine.Sockets;
using Xunit;

namespace TwTools.Engine.Tests.Sockets;

/// <summary>/proc/net/tcp text as a real 6.18 kernel wrote it (the fixture was captured with <c>cat</c> beside <c>ss -tanoe</c>).</summary>
public class ProcNetTcpParsingTests
{
    private static readonly string Capture = Path.Combine(AppContext.BaseDirectory, "Sockets", "Fixtures", "loopback-mixed.tcp.txt");

    private static List<TcpSocketRecord> ReadCapture(SocketFilter? filter = null) =>
        RecordedSocketSource.FromFile(Capture).Read(filter ?? SocketFilter.Everything, default).ToList();

    [Fact]
    public void Capture_reads_as_ss_showed_it()
    {
        var sockets = ReadCapture();

        Assert.Equal(10, sockets.Count);
        Assert.Equal(6, sockets.Count(s => s.Family == InetFamily.IPv4));
        var listen = sockets[0];
        Assert.Equal((TcpState.Listen, "127.0.0.1", (ushort)8080, "0.0.0.0", (ushort)0, 1658221UL),
            (listen.State, listen.LocalAddress.ToString(), listen.LocalPort, listen.RemoteAddress.ToString(), listen.RemotePort, listen.Inode));

        var timeWait = sockets[3];
        Assert.Equal(TcpState.TimeWait, timeWait.State);
        Assert.Equal((ushort)58038, timeWait.LocalPort);
        Assert.Equal(SocketTimerKind.TimeWait, timeWait.Timer);
        Assert.Equal(59_640u, timeWait.TimerMilliseconds);
        Assert.Equal(0UL, timeWait.Inode);

        var v6 = sockets.Where(s => s.Family == InetFamily.IPv6).ToList();
        Assert.Equal(4, v6.Count);
        Assert.All(v6, s => Assert.Equal("::1", s.LocalAddress.ToString()));
        Assert.Equal((TcpState.Established, (ushort)36746, (ushort)8443), (v6[1].State, v6[1].LocalPort, v6[1].RemotePort));
        Assert.Equal("::", v6[0].RemoteAddress.ToString());
    }

    [Fact]
    public void Filter_applies_to_states_family_ports_and_remote_network()
    {
        Assert.Equal(4, ReadCapture(new SocketFilter { States = TcpStateSet.Of(TcpState.TimeWait) }).Count);
        Assert.Single(ReadCapture(new SocketFilter { States = TcpStateSet.Of(TcpState.TimeWait), Family = InetFamily.IPv6 }));
        Assert.Equal(4, ReadCapture(new SocketFilter { RemotePorts = [8080] }).Count);
        Assert.Equal(2, ReadCapture(new SocketFilter { LocalPorts = [8080] }).Count);
        AddressPrefix.TryParse("::1", out _, out var v6Loopback);
        Assert.Equal(3, ReadCapture(new SocketFilter { RemoteNetworks = [v6Loopback] }).Count);
        AddressPrefix.TryParse("127.0.0.0/8", out _, out var v4Loopback);
        Assert.Equal(5, ReadCapture(new SocketFilter { RemoteNetworks = [v4Loopback] }).Count);
    }

    [Theory]
    [InlineData("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode")]
    [InlineData("")]
    [InlineData("   0: 0100007F:1F90")]
    [InlineData("   0: 0100007G:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 0000000000 00000000     0        0 1 1")]
    [InlineData("   0: 0100007F:1F9 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 21 00000000:00000000 00:00000000 00000000     0        0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 00 00000000:00000000 00:00000000 00000000     0        0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 FF 00000000:00000000 00:00000000 00000000     0        0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 12abc        0 1 1")]
    [InlineData("   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1x 1")]
    public void Lines_that_are_not_sockets_are_skipped(string line)
    {
        Assert.False(ProcNetTcpLine.TryParse(Encoding.ASCII.GetBytes(line), out _));
    }

    [Fact]
    public void Lines_split_across_reads_and_a_missing_final_newline_lose_nothing()
    {
        // 3000 lines is about 450 KB: several 64 KiB reads, each ending mid-line.
        var text = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        for (var i = 0; i < 3000; i++)
        {
            text.Append($"{i,4}: 0100007F:{10000 + i:X4} 0200007F:0050 06 00000000:00000000 03:{i:X8} 00000000     0        0 0 3 0000000000000000");
            text.Append(i == 2999 ? string.Empty : "\n");
        }

        using var stream = new MemoryStream(Encoding.ASCII.GetBytes(text.ToString()));
        var records = ProcNetTcpText.Read(stream, SocketFilter.Everything, default).ToList();

        Assert.Equal(3000, records.Count);
        Assert.Equal(Enumerable.Range(10000, 3000).Select(p => (ushort)p), records.Select(r => r.LocalPort));
        Assert.Equal(29_990u, records[^1].TimerMilliseconds);
        Assert.All(records, r => Assert.Equal("127.0.0.2", r.RemoteAddress.ToString()));
    }

    [Fact]
    public void Sockstat_gives_the_kernel_totals()
    {
        var counters = SockstatCounters.Parse(
            "sockets: used 7\nTCP: inuse 5 orphan 2 tw 129000 alloc 9 mem 99\nUDP: inuse 0 mem 0\n",
            "TCP6: inuse 3\nUDP6: inuse 1\n");

        Assert.Equal((5L, 3L, 2L, 129000L, 9L, 99L),
            (counters.InUse, counters.InUse6, counters.Orphans, counters.TimeWait, counters.Allocated, counters.MemoryPages));
        Assert.Null(SockstatCounters.Parse(null, null).TimeWait);
    }

    [Fact]
    public void Summary_counts_per_state_and_family_for_every_state_asked()
    {
        var summary = SocketSummary.Count("h", RecordedSocketSource.FromFile(Capture), SocketFilter.Everything, SockstatCounters.Parse(null, null), default);

        Assert.Equal(12, summary.States.Count);
        Assert.Equal(10, summary.Total);
        var timeWait = summary.States.Single(s => s.State == TcpState.TimeWait);
        Assert.Equal((3L, 1L, 4L), (timeWait.IPv4, timeWait.IPv6, timeWait.Total));
        Assert.Equal(0, summary.Count(TcpState.SynSent));
    }

    [Fact]
    public void A_capture_line_that_is_not_a_socket_is_an_error_naming_file_and_line()
    {
        var path = Path.Combine(Path.GetTempPath(), "twtools-capture-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        var lines = File.ReadAllLines(Capture).Take(3).Append("").Append("Active Internet connections (servers and established)").ToArray();
        File.WriteAllLines(path, lines);
        try
        {
            var error = Assert.Throws<TwTools.Engine.Diagnostics.TwOperationException>(() => RecordedSocketSource.FromFile(path).Read(SocketFilter.Everything, default).ToList());

            Assert.Equal((TwTools.Engine.Diagnostics.TwErrorIds.Input.InvalidCapture, path, 5), (error.Primary.Id, error.Primary.File, error.Primary.Line!.Value));
            Assert.True(error.IsInputError);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_kernels_own_files_are_read_leniently()
    {
        using var stream = new MemoryStream(Encoding.ASCII.GetBytes("garbage\n   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1\n"));
        Assert.Single(ProcNetTcpText.Read(stream, SocketFilter.Everything, default));
    }

    [Fact]
    public void The_largest_timer_the_kernel_can_print_does_not_wrap()
    {
        Assert.True(ProcNetTcpLine.TryParse("   0: 0100007F:1F90 0100007F:E2A6 06 00000000:00000000 03:FFFFFFFF 00000000     0        0 0 1"u8, out var record));
        Assert.Equal(uint.MaxValue, record.TimerMilliseconds);
    }

    [Fact]
    public void A_capture_line_longer_than_64_KiB_is_an_input_error_at_its_line()
    {
        var path = Path.Combine(Path.GetTempPath(), "twtools-capture-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        File.WriteAllText(path, string.Join('\n', File.ReadAllLines(Capture).Take(2)) + "\n" + new string('x', 70_000) + "\n");
        try
        {
            var error = Assert.Throws<TwTools.Engine.Diagnostics.TwOperationException>(() => RecordedSocketSource.FromFile(path).Read(SocketFilter.Everything, default).ToList());

            Assert.Equal((TwTools.Engine.Diagnostics.TwErrorIds.Input.InvalidCapture, 3), (error.Primary.Id, error.Primary.Line!.Value));
            Assert.True(error.IsInputError);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
