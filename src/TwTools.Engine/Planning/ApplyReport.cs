namespace TwTools.Engine.Planning;

/// <summary>The outcome of applying a policy to one host.</summary>
public sealed record ApplyReport(ApplyPlan Plan, IReadOnlyList<SettingApplyResult> Results, bool PersistWritten)
{
    public bool Changed => PersistWritten || Results.Any(r => r.Changed);

    public bool WouldChange => Results.Any(r => r.WouldChange) || (Plan.Persist?.Changed == true && !PersistWritten);
}
