using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Operations;

/// <summary>How much of a host's port pressure becomes series: the busiest destinations, the rest as one aggregate.</summary>
public sealed record MetricsOptions
{
    /// <summary>A host with thousands of destinations must not flood the monitoring system: 20 series sets each is plenty to page on.</summary>
    public const int DefaultTop = 20;

    public const int MaxTop = 10_000;

    public int Top { get; init; } = DefaultTop;

    /// <summary>When the run happened, as twtools_last_run_timestamp_seconds (samples carry no timestamps).</summary>
    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    public void Validate()
    {
        if (Top is < 1 or > MaxTop)
        {
            throw new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidArgument, TwErrorCategory.InvalidArgument,
                $"--top / -Top must be between 1 and {MaxTop} destinations per host, not {Top}") with { Field = "top" });
        }
    }
}
