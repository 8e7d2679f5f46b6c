using System.Management.Automation;

namespace TwTools.PowerShell.Tests;

/// <summary>What a person watching a long run sees in the real PowerShell engine's progress stream.</summary>
[Collection(InProcessCollection.Name)]
public sealed class ProgressTests
{
    [Fact]
    public void A_sample_counts_down_its_seconds_and_completes()
    {
        using var pwsh = new InProcessPowerShell();

        var run = pwsh.Invoke("Test-PortExhaustion -Summary -SampleSeconds 2.5 -Source ProcFiles").ThrowOnError();

        var countdown = run.Progress.Where(p => p.Activity.StartsWith("Sampling new connections on ", StringComparison.Ordinal)).ToList();
        Assert.Equal("3 s left", countdown[0].StatusDescription);
        Assert.Contains(countdown, p => p.StatusDescription == "1 s left");
        Assert.Equal(ProgressRecordType.Completed, countdown[^1].RecordType);
        Assert.Single(run.Output);
    }
}
