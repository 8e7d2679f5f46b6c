namespace TwTools.PowerShell.Tests;

/// <summary>
/// How a list of hosts behaves as a whole in real pwsh over real sshd hosts: -ErrorAction Stop never hides a host that
/// was being changed, and a host named twice is worked on once.
/// </summary>
[Collection(nameof(SessionRemotingTests))]
public sealed class HostListTests : IClassFixture<RemotingFleet>
{
    private readonly RemotingFleet _fleet;

    public HostListTests(RemotingFleet fleet)
    {
        _fleet = fleet;
        _fleet.Reset();
    }

    [Fact]
    public async Task ErrorAction_Stop_reports_the_host_still_being_applied_before_it_stops()
    {
        var slow = _fleet.Hosts[0];
        // The slow host's apply waits on its lock while the first host (nothing listens on port 1) has already failed.
        var held = await slow.Namespace.HoldApplyLockAsync(3);
        var run = _fleet.Pwsh("""
            # What reaches the next command before the stop is what a script sees.
            $script:seen = @()
            try {
                Set-TwPolicy busy-client -HostName 'root@127.0.0.1:1', "root@$($Hosts[0])" @Remote -PassThru -ErrorAction Stop 6>$null |
                    ForEach-Object { $script:seen += "$($_.Host) $($_.Key) $($_.Changed)" }
                Out-Result 'Stopped' $false
            }
            catch { Out-Result 'Stopped' $true; Out-Result 'Error' "$_" }
            Out-Result 'Seen' @($script:seen)
            """, TimeSpan.FromSeconds(90));
        await held;

        Assert.True(run["Stopped"].GetBoolean(), run.Result.ToString());
        Assert.Contains("TwTools.Remote.Unreachable", run["Error"].GetString());
        Assert.True(run["Seen"].EnumerateArray().Any(i => i.GetString() == $"root@{slow.Address} net.ipv4.tcp_tw_reuse True"), run.Result.ToString() + run.Process);
        Assert.Equal("1", slow.Namespace.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public async Task What_if_lines_come_in_the_order_the_hosts_were_given_not_the_order_they_finished()
    {
        // The first host answers last: its plan waits on its lock while the second host's is done.
        var held = await _fleet.Hosts[0].Namespace.HoldApplyLockAsync(3);
        var run = _fleet.Pwsh("""
            $log = Join-Path ([IO.Path]::GetTempPath()) "twt-whatif-$PID.txt"
            $null = Start-Transcript -LiteralPath $log
            Set-TwPolicy busy-client -HostName "root@$($Hosts[0])", "root@$($Hosts[1])" @Remote -WhatIf 6>$null
            $null = Stop-Transcript
            Out-Result 'Lines' @(Get-Content -LiteralPath $log | Where-Object { $_ -like 'What if:*' })
            Remove-Item -LiteralPath $log
            """, TimeSpan.FromSeconds(90));
        await held;

        var lines = run["Lines"].EnumerateArray().Select(l => l.GetString()!).ToList();
        // Per change under -WhatIf: two runtime values and the file, for each host.
        Assert.Equal(6, lines.Count);
        Assert.All(lines.Take(3), l => Assert.Contains($"root@{_fleet.Hosts[0].Address}:", l, StringComparison.Ordinal));
        Assert.All(lines.Skip(3), l => Assert.Contains($"root@{_fleet.Hosts[1].Address}:", l, StringComparison.Ordinal));
    }

    [Fact]
    public void ErrorAction_Stop_on_a_refused_first_host_starts_no_host()
    {
        var run = _fleet.Pwsh("""
            try { Set-TwPolicy busy-client -HostName 'web 1', "root@$($Hosts[0])" @Remote -ErrorAction Stop 6>$null; Out-Result 'Stopped' $false }
            catch { Out-Result 'Stopped' $true; Out-Result 'Error' "$_" }
            """, TimeSpan.FromSeconds(60));

        Assert.True(run["Stopped"].GetBoolean(), run.Result.ToString());
        Assert.Equal("2", _fleet.Hosts[0].Namespace.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public void A_host_named_twice_is_applied_once_and_counted_once_in_metrics()
    {
        var run = _fleet.Pwsh("""
            $h = "root@$($Hosts[1])"
            Out-Result 'Applied' @(Set-TwPolicy busy-client -HostName $h, $h @Remote -PassThru -ErrorAction SilentlyContinue -ErrorVariable failed 6>$null | Select-Object Host, Key)
            Out-Result 'Errors' @($failed | ForEach-Object { $_.FullyQualifiedErrorId })
            Out-Result 'Metrics' (Test-PortExhaustion -Summary -HostName $h, $h.ToUpperInvariant() @Remote | ConvertTo-TwPrometheus)
            """, TimeSpan.FromSeconds(60));

        Assert.Equal(0, run["Errors"].GetArrayLength());
        var keys = run["Applied"].EnumerateArray().Select(r => r.GetProperty("Key").GetString()).ToList();
        Assert.Equal(keys.Distinct().Count(), keys.Count);
        var series = run["Metrics"].GetString()!.Split('\n').Where(l => l.StartsWith("twtools_run_success{", StringComparison.Ordinal)).ToList();
        Assert.Single(series);
    }
}
