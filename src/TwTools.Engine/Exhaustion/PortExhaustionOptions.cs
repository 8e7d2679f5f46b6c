namespace TwTools.Engine.Exhaustion;

/// <summary>How to judge port pressure, and whether to sample the connection rate.</summary>
public sealed record PortExhaustionOptions
{
    public ExhaustionThresholds Thresholds { get; init; } = ExhaustionThresholds.Default;

    /// <summary>Seconds between two snapshots to measure new connections per destination; 0 for one snapshot.</summary>
    public double SampleSeconds { get; init; }

    public const double MaxSampleSeconds = 3600;
}
