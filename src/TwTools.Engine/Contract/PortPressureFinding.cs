using TwTools.Engine.Text;

namespace TwTools;

/// <summary>
/// One destination's claim on ephemeral ports (client side), or one listening port's TIME_WAIT
/// (server side): a row of Test-PortExhaustion. Rates and projections are filled only when sampled.
/// </summary>
public sealed record PortPressureFinding
{
    public required string Host { get; init; }

    public NetworkNamespace? NetworkNamespace { get; init; }

    public required ConnectionSide Side { get; init; }

    /// <summary>"10.0.0.2:443" for a client destination; the listening port's address for the server side.</summary>
    public required string Destination { get; init; }

    public string? LocalAddress { get; init; }

    public string? RemoteAddress { get; init; }

    public int? RemotePort { get; init; }

    public int? LocalPort { get; init; }

    /// <summary>Ports held towards this destination, in any state that holds one.</summary>
    public long InUse { get; init; }

    public long TimeWait { get; init; }

    /// <summary>Ports connect() cannot use for this destination now: in use, less TIME_WAIT it may reuse.</summary>
    public long Blocking { get; init; }

    public int? Capacity { get; init; }

    /// <summary>Blocking / Capacity, 0 to 1.</summary>
    public double? Utilization { get; init; }

    public bool? ReuseEffective { get; init; }

    public required PortVerdict Verdict { get; init; }

    public double? NewConnectionsPerSecond { get; init; }

    public double? TimeWaitPerSecond { get; init; }

    /// <summary>Ports blocked once TIME_WAIT reaches its steady state at the sampled rate.</summary>
    public long? ProjectedBlocking { get; init; }

    /// <summary>Capacity less ProjectedBlocking; negative when the rate cannot be sustained.</summary>
    public long? Headroom { get; init; }

    public TimeSpan? TimeToExhaustion { get; init; }

    public IReadOnlyList<string> Advice { get => _advice; init => _advice = JoinedList<string>.Of(value); }

    private readonly IReadOnlyList<string> _advice = JoinedList<string>.Of([]);

    /// <summary>How a finding reads inside another object's display (a report's Findings list).</summary>
    public override string ToString() => $"{Side} {Destination}: {Verdict} ({InUse}/{Capacity})";
}
