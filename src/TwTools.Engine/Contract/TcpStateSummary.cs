namespace TwTools;

/// <summary>How many sockets one host has in one state, per family: a row of <c>Get-TcpSocketState -Summary</c>.</summary>
public sealed record TcpStateSummary(string Host, TcpState State, long IPv4, long IPv6)
{
    public long Total => IPv4 + IPv6;

    /// <summary>The host's own totals from /proc/net/sockstat, the same on every row of a host (the table shows them once per host).</summary>
    public SockstatCounters? Kernel { get; init; }

    /// <summary>The network namespace counted, when a target named one.</summary>
    public NetworkNamespace? NetworkNamespace { get; init; }

    public override string ToString() => $"{Host}: {State} {Total} (IPv4 {IPv4}, IPv6 {IPv6})";
}
