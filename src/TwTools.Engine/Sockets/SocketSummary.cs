namespace TwTools.Engine.Sockets;

/// <summary>Per-state counts for one host, counted from the stream without keeping a socket, plus the kernel's totals.</summary>
public sealed record SocketSummary(string Host, string Source, IReadOnlyList<TcpStateSummary> States, SockstatCounters Kernel)
{
    public long Total => States.Sum(s => s.Total);

    public long Count(TcpState state) => States.FirstOrDefault(s => s.State == state)?.Total ?? 0;

    /// <summary>The network namespace counted, when a target named one.</summary>
    public NetworkNamespace? Namespace { get; init; }

    internal static SocketSummary Count(string host, ISocketSource source, SocketFilter filter, SockstatCounters kernel, CancellationToken cancellation, NetworkNamespace? ns = null)
    {
        var counts = new long[16, 2];
        if (source is not ISocketCounter counter || !counter.TryCount(filter, counts, cancellation))
        {
            foreach (var socket in source.Read(filter, cancellation))
            {
                counts[(int)socket.State & 15, socket.Family == InetFamily.IPv4 ? 0 : 1]++;
            }
        }

        // A capture's counters are empty: its rows carry no totals rather than empty ones.
        var totals = kernel == new SockstatCounters() ? null : kernel;
        var rows = filter.States.States
            .Select(state => new TcpStateSummary(host, state, counts[(int)state, 0], counts[(int)state, 1]) { Kernel = totals, NetworkNamespace = ns })
            .ToList();
        return new SocketSummary(host, source.Name, rows, kernel) { Namespace = ns };
    }
}
