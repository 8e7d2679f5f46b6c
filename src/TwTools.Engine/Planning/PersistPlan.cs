namespace TwTools.Engine.Planning;

/// <summary>The sysctl.d file a plan writes: its path on the host, its content now (null if absent) and after.</summary>
public sealed record PersistPlan(string File, string? CurrentContent, string NewContent)
{
    public bool Changed => CurrentContent != NewContent;
}
