using System.Text;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Sockets;
using Xunit;

namespace TwTools.Engine.Tests.Sockets;

/// <summary>
/// "Memory stays flat in the socket count": a read of 50x more sockets may not allocate more than
/// a few KiB beyond the small read, so nothing per socket is kept or boxed on the way through.
/// </summary>
public sealed class StreamingMemoryTests : IDisposable
{
    private const int Small = 1_000;
    private const int Large = 50_000;

    // Buffers, the enumerator and the file handle are per read; 16 KiB of slack covers runtime noise.
    private const long AllowedGrowth = 16 * 1024;

    private readonly string _root = Directory.CreateTempSubdirectory("twt-mem-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Reading_proc_net_tcp_allocates_the_same_for_1k_and_50k_sockets()
    {
        var small = new ProcNetTcpSocketSource(WriteTable("small", Small));
        var large = new ProcNetTcpSocketSource(WriteTable("large", Large));

        var (smallCount, smallBytes) = Measure(() => Drain(small));
        var (largeCount, largeBytes) = Measure(() => Drain(large));

        Assert.Equal((Small, Large), (smallCount, largeCount));
        Assert.True(largeBytes - smallBytes < AllowedGrowth,
            $"{Small} sockets allocated {smallBytes} B, {Large} allocated {largeBytes} B: memory grows with the table");
    }

    [Fact]
    public void Summary_counts_50k_sockets_without_allocating_per_socket()
    {
        var small = WriteTable("small", Small);
        var large = WriteTable("large", Large);

        var (_, smallBytes) = Measure(() => Summarize(small));
        var (timeWait, largeBytes) = Measure(() => Summarize(large));

        Assert.Equal(Large, timeWait);
        Assert.True(largeBytes - smallBytes < AllowedGrowth,
            $"summary of {Small} allocated {smallBytes} B, of {Large} allocated {largeBytes} B");
    }

    private static int Drain(ISocketSource source)
    {
        var count = 0;
        foreach (var _ in source.Read(SocketFilter.Everything, default))
        {
            count++;
        }

        return count;
    }

    private static int Summarize(SystemPaths paths)
    {
        var summary = SocketSummary.Count("h", new ProcNetTcpSocketSource(paths), SocketFilter.Everything, default!, default);
        return (int)summary.Count(TcpState.TimeWait);
    }

    /// <summary>Bytes allocated on this thread by the second of two runs (the first warms up JIT and statics).</summary>
    private static (int Result, long Bytes) Measure(Func<int> read)
    {
        read();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = read();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>A proc root whose net/tcp holds <paramref name="count"/> TIME_WAIT lines in the kernel's format.</summary>
    private SystemPaths WriteTable(string name, int count)
    {
        var net = Directory.CreateDirectory(Path.Combine(_root, name, "net")).FullName;
        var text = new StringBuilder("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        for (var i = 0; i < count; i++)
        {
            var source = $"{0x0100007F + ((i / 50_000) << 24):X8}:{10_000 + i % 50_000:X4}";
            text.Append($"{i,4}: {source} 0100007F:0050 06 00000000:00000000 03:0000174C 00000000     0        0 0 3 0000000000000000\n");
        }

        File.WriteAllText(Path.Combine(net, "tcp"), text.ToString());
        File.WriteAllText(Path.Combine(net, "tcp6"), "  sl  local_address\n");
        return new SystemPaths(Path.Combine(_root, name), _root);
    }
}
