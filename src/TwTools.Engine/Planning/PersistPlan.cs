namespace TwTools.Engine.Planning;

/// <summary>
/// The sysctl.d file a plan writes: its path on the host, its content now (null if absent) and after (null: the plan
/// removes it, as Remove-TwPolicy does).
/// </summary>
public sealed record PersistPlan(string File, string? CurrentContent, string? NewContent)
{
    public bool Changed => CurrentContent != NewContent;

    public bool Removes => NewContent is null && CurrentContent is not null;
}
