namespace TwTools.Engine.FrontEnd;

/// <summary>Progress across hosts, as Write-Progress shows it: done so far of all, and what just happened.</summary>
public sealed record HostProgress(string Activity, string Status, int Completed, int Total)
{
    public int PercentComplete => Total == 0 ? 100 : Completed * 100 / Total;

    public bool IsFinished => Completed >= Total;
}
