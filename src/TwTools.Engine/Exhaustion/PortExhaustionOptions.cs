using System.Globalization;
using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Exhaustion;

/// <summary>How to judge port pressure, and whether to sample the connection rate.</summary>
public sealed record PortExhaustionOptions
{
    public const double MaxSampleSeconds = 3600;

    public ExhaustionThresholds Thresholds { get; init; } = ExhaustionThresholds.Default;

    /// <summary>Seconds between two snapshots to measure new connections per destination; 0 for one snapshot.</summary>
    public double SampleSeconds { get; init; }

    /// <summary>Throws an input error naming the option when the thresholds or the sample length make no sense.</summary>
    public void Validate()
    {
        var errors = new List<TwDiagnostic>();
        if (Thresholds.Problem() is { } problem)
        {
            errors.Add(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidThreshold, TwErrorCategory.InvalidArgument, problem) with { Field = "warning/critical" });
        }

        if (SampleSeconds is < 0 or > MaxSampleSeconds || double.IsNaN(SampleSeconds))
        {
            errors.Add(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidArgument, TwErrorCategory.InvalidArgument,
                string.Create(CultureInfo.InvariantCulture, $"the sample must last 0 to {MaxSampleSeconds} seconds, not {SampleSeconds}")) with { Field = "sample-seconds" });
        }

        if (errors.Count > 0)
        {
            throw new TwOperationException(errors);
        }
    }
}
