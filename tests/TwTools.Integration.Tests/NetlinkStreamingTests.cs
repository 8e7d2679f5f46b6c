using TwTools.Engine.Sockets;
using Xunit;

namespace TwTools.Integration.Tests;

/// <summary>The netlink reader on a real kernel table of 20k+ sockets: flat memory, and the per-family fallback.</summary>
public sealed class NetlinkStreamingTests : IDisposable
{
    private const int TimeWaitCount = 20_000;
    private readonly TestNamespace _ns = new();

    public NetlinkStreamingTests()
    {
        Shell.Check("ip", "-n", _ns.Name, "link", "set", "lo", "up");
        _ns.Set("net.ipv4.tcp_max_tw_buckets", "100000");
        Shell.Check("ip", "netns", "exec", _ns.Name, "dotnet", PeerProcess.PeerDll, "timewait", "127.0.0.1", "80", TimeWaitCount.ToString(), "10000", "127.0.0.2");
        Shell.Check("ip", "netns", "exec", _ns.Name, "dotnet", PeerProcess.PeerDll, "timewait", "::1", "81", "300", "10000", "::1");

        // The last batch's sockets reach TIME_WAIT in softirq after the factory exits, and a dump that walks the table
        // while they move can miss them: on a busy machine that window is long, so wait until the kernel's count stops
        // moving. (On a loaded machine a few connections of 20,000 can end without a TIME_WAIT; the tests compare readers
        // on the table there is, and ask only that it be nearly the one made.)
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var (last, stableSince) = (-1, DateTime.UtcNow);
        while (DateTime.UtcNow < deadline && (last < TimeWaitCount + 300) && DateTime.UtcNow - stableSince < TimeSpan.FromSeconds(1))
        {
            var now = TimeWaitCounted();
            (last, stableSince) = now == last ? (last, stableSince) : (now, DateTime.UtcNow);
            Thread.Sleep(50);
        }
    }

    /// <summary>Nearly all of what the factory made: the readers are compared on the table as it is.</summary>
    private const int Nearly = TimeWaitCount * 9 / 10;

    private int TimeWaitCounted() =>
        _ns.Exec("cat", "/proc/net/sockstat", "/proc/net/sockstat6").StdOut.Split('\n')
            .Select(line => line.Split(' '))
            .Sum(fields => Array.IndexOf(fields, "tw") is var at and >= 0 && at + 1 < fields.Length && int.TryParse(fields[at + 1], out var n) ? n : 0);

    public void Dispose() => _ns.Dispose();

    [Fact]
    public void A_full_read_allocates_no_more_than_reading_almost_nothing()
    {
        var (all, allBytes, listenBytes) = InsideNamespace.Run(_ns, () =>
        {
            var source = new NetlinkSocketSource();
            var listen = new SocketFilter { States = TcpStateSet.Of(TcpState.Listen) };
            Drain(source, SocketFilter.Everything);
            Drain(source, listen);
            var before = GC.GetAllocatedBytesForCurrentThread();
            var count = Drain(source, SocketFilter.Everything);
            var middle = GC.GetAllocatedBytesForCurrentThread();
            Drain(source, listen);
            return (count, middle - before, GC.GetAllocatedBytesForCurrentThread() - middle);
        });

        Assert.True(all >= Nearly, $"read {all} sockets");
        Assert.True(allBytes - listenBytes < 16 * 1024,
            $"reading {all} sockets allocated {allBytes} B, reading the listeners {listenBytes} B");
    }

    [Fact]
    public void Counting_from_message_headers_gives_the_counts_reading_records_gives()
    {
        var (counted, read, withPorts) = InsideNamespace.Run(_ns, () =>
        {
            var source = new NetlinkSocketSource();
            var counts = new long[16, 2];
            var fromRecords = new long[16, 2];
            var counted = source.TryCount(SocketFilter.Everything, counts, default);
            foreach (var record in source.Read(SocketFilter.Everything, default))
            {
                fromRecords[(int)record.State & 15, record.Family == InetFamily.IPv4 ? 0 : 1]++;
            }

            // Ports are filtered here, not in the kernel: counting must decline and read nothing.
            var ports = new long[16, 2];
            return (counted ? counts : null, fromRecords, source.TryCount(new SocketFilter { RemotePorts = [80] }, ports, default) ? ports : null);
        });

        Assert.NotNull(counted);
        Assert.Null(withPorts);
        Assert.True(read[(int)TcpState.TimeWait, 0] >= Nearly && read[(int)TcpState.TimeWait, 1] >= 270, "the table is not what the test made");
        Assert.Equal(read.Cast<long>(), counted.Cast<long>());
    }

    [Fact]
    public void A_kernel_that_refuses_the_one_pass_dump_gets_one_dump_per_family_with_the_same_sockets()
    {
        var (onePass, perFamily) = InsideNamespace.Run(_ns, () =>
        {
            // 99 is no sock_diag request type: the kernel answers NLMSG_ERROR/EINVAL, as an old or locked-down one would.
            var refused = new NetlinkSocketSource(bothFamiliesRequest: 99);
            return (Keys(new NetlinkSocketSource()), Keys(refused));
        });

        Assert.Contains(perFamily, k => k.StartsWith("IPv6", StringComparison.Ordinal));
        Assert.True(perFamily.Count >= Nearly, $"fallback read {perFamily.Count} sockets");
        Assert.Equal(onePass, perFamily);
    }

    private static int Drain(ISocketSource source, SocketFilter filter)
    {
        var count = 0;
        foreach (var _ in source.Read(filter, default))
        {
            count++;
        }

        return count;
    }

    // TIME_WAIT timers tick between the two reads, so compare what identifies a socket.
    private static List<string> Keys(ISocketSource source) =>
        source.Read(SocketFilter.Everything, default)
            .Select(s => $"{s.Family} {s.State} {s.LocalAddress}:{s.LocalPort} {s.RemoteAddress}:{s.RemotePort}")
            .Order(StringComparer.Ordinal)
            .ToList();
}
