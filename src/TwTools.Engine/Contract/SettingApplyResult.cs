namespace TwTools;

/// <summary>
/// What an apply did to one key on one host: the object Set-TwPolicy -PassThru emits and
/// <c>twtools apply --json</c> prints.
/// </summary>
public sealed class SettingApplyResult
{
    public required string Host { get; init; }

    public NetworkNamespace? NetworkNamespace { get; init; }

    public required string Policy { get; init; }

    public required string Key { get; init; }

    public string? Before { get; init; }

    /// <summary>The runtime value once the command was done (read back when written); null where the key is absent.</summary>
    public string? After { get; init; }

    /// <summary>The value the policy asks for; equals <see cref="After"/> unless the change was not made (-WhatIf).</summary>
    public required string Desired { get; init; }

    /// <summary>True when the runtime value or the persisted file changed for this key.</summary>
    public required bool Changed { get; init; }

    /// <summary>True when a change is needed but was not made (-WhatIf, or declined at -Confirm).</summary>
    public bool WouldChange { get; init; }

    /// <summary>
    /// What changed for this key, in words: "runtime", "boot" (only the persisted file: Before equals After),
    /// "runtime+boot" or "none"; "would: ..." when the change is needed but was not made.
    /// </summary>
    public string Change { get; init; } = "none";

    public string? PersistedBefore { get; init; }

    public string? PersistedAfter { get; init; }

    public string? PersistFile { get; init; }

    public bool Enforced { get; init; }

    public string? Note { get; init; }

    public override string ToString() =>
        $"{Host}: {Key} {Before ?? "(absent)"} -> {(WouldChange ? Desired : After ?? "(absent)")} ({Change})";
}
