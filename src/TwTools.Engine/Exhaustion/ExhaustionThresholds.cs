using System.Globalization;

namespace TwTools.Engine.Exhaustion;

/// <summary>
/// Share of a destination's usable ports in use at which it is a Warning or Critical. Exhausted is
/// not a threshold: it is every usable port taken, when the next connect() fails.
/// </summary>
public sealed record ExhaustionThresholds(double Warning = 0.5, double Critical = 0.8)
{
    public static ExhaustionThresholds Default { get; } = new();

    /// <summary>Null when valid, else what is wrong, for an input error.</summary>
    public string? Problem() =>
        // NaN passes every comparison as false, so it must be named: it would switch the verdict off.
        !double.IsFinite(Warning) || !double.IsFinite(Critical) || Warning is <= 0 or > 1 || Critical is <= 0 or > 1
            ? "thresholds are shares of the ephemeral range and must be above 0 and at most 1"
            : Warning > Critical
                ? string.Create(CultureInfo.InvariantCulture, $"the warning threshold ({Warning}) must not be above the critical one ({Critical})")
                : null;

    public PortVerdict Judge(long blocked, long capacity)
    {
        if (capacity <= 0 || blocked >= capacity)
        {
            return PortVerdict.Exhausted;
        }

        var share = (double)blocked / capacity;
        return share >= Critical ? PortVerdict.Critical : share >= Warning ? PortVerdict.Warning : PortVerdict.OK;
    }
}
