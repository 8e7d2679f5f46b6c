using TwTools.Engine.Text;

namespace TwTools;

/// <summary>One host's ephemeral-port picture: the kernel's side of it, every finding, and the worst verdict.</summary>
public sealed record PortExhaustionReport
{
    public required string Host { get; init; }

    /// <summary>The network namespace judged (a container's, a pod's); null for the host as TwTools found it.</summary>
    public NetworkNamespace? NetworkNamespace { get; init; }

    public required string PortRange { get; init; }

    /// <summary>Usable ephemeral ports per destination (range, less reserved and listening ports in it).</summary>
    public required int Capacity { get; init; }

    public int ReservedInRange { get; init; }

    public int ListenersInRange { get; init; }

    public int TcpTwReuse { get; init; }

    public int TcpTimestamps { get; init; }

    public int ReuseDelayMilliseconds { get; init; }

    public long? TimeWaitOverflow { get; init; }

    /// <summary>TIME_WAIT sockets of both families as the kernel counts them (/proc/net/sockstat); null for a capture.</summary>
    public long? KernelTimeWait { get; init; }

    public long SocketsScanned { get; init; }

    public double? SampleSeconds { get; init; }

    /// <summary>The worst client-side verdict; server-side TIME_WAIT never counts as exhaustion.</summary>
    public required PortVerdict Verdict { get; init; }

    /// <summary>Client findings worst first (by projected then current use), then server findings.</summary>
    public required IReadOnlyList<PortPressureFinding> Findings { get => _findings; init => _findings = JoinedList<PortPressureFinding>.Of(value); }

    private readonly IReadOnlyList<PortPressureFinding> _findings = [];

    /// <summary>One line for "$report", instead of a record's dump with its findings' type name.</summary>
    public override string ToString() => $"{Host}: {Verdict} ({Capacity} usable ports in {PortRange}, {Findings.Count} finding(s))";
}
