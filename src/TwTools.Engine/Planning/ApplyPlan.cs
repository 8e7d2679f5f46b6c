using TwTools.Engine.Diagnostics;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Planning;

/// <summary>What applying a policy to one host would change, computed before anything is touched.</summary>
public sealed class ApplyPlan
{
    public required string HostName { get; init; }

    public required TwPolicy Policy { get; init; }

    public required IReadOnlyList<PlannedSetting> Settings { get; init; }

    /// <summary>Null when the policy does not persist.</summary>
    public PersistPlan? Persist { get; init; }

    /// <summary>Warnings and notes found while planning (errors stop planning instead).</summary>
    public required IReadOnlyList<TwDiagnostic> Diagnostics { get; init; }

    public bool HasChanges => Settings.Any(s => s.RuntimeChange) || Persist?.Changed == true;
}
