namespace TwTools.Engine.Planning;

/// <summary>One key of a plan: its runtime and boot values now and after the apply.</summary>
public sealed record PlannedSetting
{
    public required string Key { get; init; }

    public required bool Exists { get; init; }

    /// <summary>The runtime value now (normalised); null when the key does not exist.</summary>
    public string? Before { get; init; }

    public required string After { get; init; }

    /// <summary>True when the runtime value must be written.</summary>
    public required bool RuntimeChange { get; init; }

    /// <summary>The value the key gets at boot now, and after the persisted file is written.</summary>
    public string? PersistedBefore { get; init; }

    public string? PersistedAfter { get; init; }

    /// <summary>TwTools added this key (timestamps for reuse); the policy did not name it.</summary>
    public bool Enforced { get; init; }

    /// <summary>Whether the key goes into the persisted file.</summary>
    public bool Persist { get; init; }

    public string? Note { get; init; }
}
