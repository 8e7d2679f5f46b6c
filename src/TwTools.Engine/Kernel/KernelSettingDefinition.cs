namespace TwTools.Engine.Kernel;

/// <summary>What TwTools knows about one TIME_WAIT-related sysctl.</summary>
internal sealed class KernelSettingDefinition
{
    public required string Key { get; init; }

    public required SettingValueKind Kind { get; init; }

    /// <summary>Allowed integer values when the key is an enumeration (0/1/2); null when a range applies.</summary>
    public IReadOnlyList<long>? AllowedValues { get; init; }

    public long Minimum { get; init; } = long.MinValue;

    public long Maximum { get; init; } = long.MaxValue;

    public string? Unit { get; init; }

    /// <summary>The kernel's default, normalised; null when it depends on the machine (memory size).</summary>
    public string? DefaultValue { get; init; }

    public required string Meaning { get; init; }

    /// <summary>Which kernels have the key, in words a person reads in a table.</summary>
    public required string Availability { get; init; }

    /// <summary>
    /// What an absent key means. <c>tcp_tw_recycle</c> is gone since Linux 4.12, and on those kernels
    /// "absent" is the same as "disabled": a policy asking for 0 is then met without writing anything.
    /// </summary>
    public string? AbsentMeansValue { get; init; }

    /// <summary>The path under <c>/proc/sys</c>: dots in the key become slashes.</summary>
    public string ProcSysRelativePath => Key.Replace('.', '/');

    public override string ToString() => Key;
}
