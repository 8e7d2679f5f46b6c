using System.Text.Json;

namespace TwTools.PowerShell.Tests;

/// <summary>
/// Every cmdlet over real PowerShell remoting (-Session to sshd's powershell subsystem) against namespace
/// hosts: the same answers as over -HostName and as a local run inside the host, applies that converge
/// and then change nothing, refusals that write nothing, and sessions that are closed or broken.
/// </summary>
[Collection(nameof(SessionRemotingTests))]
public sealed class SessionRemotingTests : IClassFixture<RemotingFleet>
{
    private const string Judged = "Key, Exists, Runtime, Persisted, PersistedSource, Expected, Compliant, Reason";
    private readonly RemotingFleet _fleet;

    public SessionRemotingTests(RemotingFleet fleet)
    {
        _fleet = fleet;
        _fleet.Reset();
    }

    [Fact]
    public void A_process_namespace_on_the_host_is_read_and_changed_over_a_session_and_over_ssh()
    {
        using var workload = new TestNamespace();
        workload.Set("net.ipv4.tcp_fin_timeout", "46");
        using var sleeper = new System.Diagnostics.Process { StartInfo = new("ip", ["netns", "exec", workload.Name, "sleep", "60"]) };
        sleeper.Start();
        // ip netns exec enters the namespace only after it started: wait until the process is inside.
        string Inode(string path) => Shell.Run("stat", "-L", "-c", "%i", path).StdOut;
        SpinWait.SpinUntil(() => Inode($"/proc/{sleeper.Id}/ns/net") == Inode("/run/netns/" + workload.Name), TimeSpan.FromSeconds(20));
        var inode = Shell.Run("stat", "-L", "-c", "%i", "/run/netns/" + workload.Name).StdOut.Trim();
        try
        {
            var run = _fleet.Pwsh($$"""
                $s = Open-TestSession $Hosts[0]
                Out-Result 'Session' @(Get-TwKernelPolicy -Session $s -ProcessId {{sleeper.Id}} -Key net.ipv4.tcp_fin_timeout | ForEach-Object { "$($_.Host) $($_.NetworkNamespace.Label) $($_.Runtime)" })
                Out-Result 'Ssh' @(Get-TwKernelPolicy -HostName $Hosts[0] @Remote -ProcessId {{sleeper.Id}} -Key net.ipv4.tcp_fin_timeout | ForEach-Object { "$($_.Host) $($_.NetworkNamespace.Label) $($_.Runtime)" })
                Out-Result 'All' @(Get-TwKernelPolicy -Session $s -AllNetworkNamespaces -Key net.ipv4.tcp_fin_timeout -WarningAction SilentlyContinue | Where-Object { $_.NetworkNamespace.Inode -eq {{inode}} } | ForEach-Object { "$($_.Host) $($_.Runtime)" })
                Out-Result 'Applied' @(Set-TwPolicy tw-reuse -Session $s -ProcessId {{sleeper.Id}} -PassThru -WarningAction SilentlyContinue 6>$null | Where-Object Changed | ForEach-Object Key)
                """);

            Assert.Equal($"[\"{_fleet.Hosts[0].Address} pid:{sleeper.Id} 46\"]", Compact(run["Session"]));
            Assert.Equal($"[\"{_fleet.Hosts[0].Address} pid:{sleeper.Id} 46\"]", Compact(run["Ssh"]));
            // The host's sshd does not see this namespace's /run/netns name; it finds it through the process that holds it.
            Assert.Equal($"[\"{_fleet.Hosts[0].Address} 46\"]", Compact(run["All"]));
            Assert.Equal("[\"net.ipv4.tcp_tw_reuse\"]", Compact(run["Applied"]));
            Assert.Equal("1", workload.Get("net.ipv4.tcp_tw_reuse"));
            Assert.Empty(Directory.GetFiles(_fleet.Hosts[0].Namespace.SysctlD));
        }
        finally
        {
            sleeper.Kill();
        }
    }

    [Fact]
    public void Reads_over_a_session_equal_reads_over_ssh_and_a_local_run_inside_the_host()
    {
        _fleet.Hosts[0].Namespace.Set("net.ipv4.tcp_tw_reuse", "1");
        _fleet.Local(_fleet.Hosts[1], $"Set-TwPolicy '{ModuleUnderTest.Policy("busy-client")}'");
        var run = _fleet.Pwsh($$"""
            $s = $Hosts | ForEach-Object { Open-TestSession $_ }
            $policy = Join-Path $Policies 'busy-client.yaml'
            Out-Result 'Session' @(Get-TwKernelPolicy $policy -Session $s | Select-Object Host, {{Judged}})
            Out-Result 'Ssh' @(Get-TwKernelPolicy $policy -HostName $Hosts @Remote | Select-Object Host, {{Judged}})
            Out-Result 'SessionVerdict' @(Test-TwPolicy $policy -Session $s)
            Out-Result 'SshVerdict' @(Test-TwPolicy $policy -HostName $Hosts @Remote)
            Out-Result 'ReversedVerdict' @(Test-TwPolicy $policy -Session $s[1], $s[0])
            Out-Result 'SessionListen' @(Get-TcpSocketState -State Listen -Session $s | Select-Object Host, LocalAddress, LocalPort)
            Out-Result 'SessionPorts' @(Test-PortExhaustion -Summary -Session $s | Select-Object Host, Verdict, Capacity)
            Out-Result 'SshPorts' @(Test-PortExhaustion -Summary -HostName $Hosts @Remote | Select-Object Host, Verdict, Capacity)
            Out-Result 'SessionMetrics' (Test-PortExhaustion -Summary -Session $s | ConvertTo-TwPrometheus)
            Out-Result 'PolicyMetrics' (Test-TwPolicy $policy -Detailed -HostName $Hosts @Remote | ConvertTo-TwPrometheus)
            """);

        for (var i = 0; i < _fleet.Hosts.Count; i++)
        {
            var host = _fleet.Hosts[i];
            var local = _fleet.Local(host, $"Get-TwKernelPolicy '{ModuleUnderTest.Policy("busy-client")}' | Select-Object {Judged}");
            Assert.Equal(Rows(local), Rows(ForHost(run["Session"], host.Address)));
            Assert.Equal(Rows(local), Rows(ForHost(run["Ssh"], host.Address)));
            Assert.Equal(Rows(_fleet.Local(host, "Get-TcpSocketState -State Listen | Select-Object LocalAddress, LocalPort")), Rows(ForHost(run["SessionListen"], host.Address)));
            Assert.Equal(Rows(_fleet.Local(host, "Test-PortExhaustion -Summary | Select-Object Verdict, Capacity")), Rows(ForHost(run["SessionPorts"], host.Address)));
            Assert.Equal(Rows(ForHost(run["SshPorts"], host.Address)), Rows(ForHost(run["SessionPorts"], host.Address)));
        }

        // Results from many hosts convert in one go, each series labelled with its host.
        foreach (var host in _fleet.Hosts)
        {
            Assert.Contains($"twtools_run_success{{host=\"{host.Address}\"}} 1", run["SessionMetrics"].GetString());
        }

        Assert.Contains($"twtools_policy_compliant{{host=\"{_fleet.Hosts[0].Address}\",policy=\"busy-client\"}} 0", run["PolicyMetrics"].GetString());
        Assert.Contains($"twtools_policy_compliant{{host=\"{_fleet.Hosts[1].Address}\",policy=\"busy-client\"}} 1", run["PolicyMetrics"].GetString());

        // One answer per host, in the order the hosts were given.
        Assert.Equal("[false,true]", Compact(run["SessionVerdict"]));
        Assert.Equal("[false,true]", Compact(run["SshVerdict"]));
        Assert.Equal("[true,false]", Compact(run["ReversedVerdict"]));
    }

    [Fact]
    public void An_ssh_config_file_given_with_SshConfigFile_names_hosts_by_alias()
    {
        _fleet.Hosts[0].Namespace.Set("net.ipv4.tcp_tw_reuse", "1");
        var run = _fleet.Pwsh("""
            $config = Join-Path (Split-Path $KnownHosts) 'alias-config'
            "Host twt-alias`n  HostName $($Hosts[0])`n  IdentityFile $($Remote.IdentityFile)`n  UserKnownHostsFile $KnownHosts`n  GlobalKnownHostsFile /dev/null`n  BatchMode yes`n" |
                Set-Content -LiteralPath $config
            Out-Result 'Alias' @(Get-TwKernelPolicy -Key tcp_tw_reuse -HostName 'twt-alias' -SshConfigFile $config | Select-Object Host, Runtime)
            Out-Result 'Ports' @(Test-PortExhaustion -Summary -HostName 'twt-alias' -SshConfigFile $config | Select-Object Host)
            """);

        // The alias resolves nowhere but in that file: an answer at all means ssh was given it.
        Assert.Equal("[{\"Host\":\"twt-alias\",\"Runtime\":\"1\"}]", Compact(run["Alias"]));
        Assert.Equal("[{\"Host\":\"twt-alias\"}]", Compact(run["Ports"]));
    }

    [Fact]
    public void Apply_over_a_session_converges_like_ssh_then_changes_nothing_and_what_if_writes_nothing()
    {
        var (viaSession, viaSsh) = (_fleet.Hosts[0], _fleet.Hosts[1]);
        viaSession.Namespace.Set("net.ipv4.tcp_timestamps", "0");
        viaSsh.Namespace.Set("net.ipv4.tcp_timestamps", "0");
        var before = _fleet.Hosts.Select(State).ToList();

        var whatIf = _fleet.Pwsh("""
            $s = Open-TestSession $Hosts[0]
            Out-Result 'Results' @(Set-TwPolicy (Join-Path $Policies 'busy-client.yaml') -Session $s -WhatIf -PassThru | Select-Object Key, WouldChange, Changed)
            """);
        Assert.Equal(before, _fleet.Hosts.Select(State).ToList());
        Assert.Contains(whatIf["Results"].EnumerateArray(), r => r.GetProperty("WouldChange").GetBoolean());

        var apply = _fleet.Pwsh("""
            $s = Open-TestSession $Hosts[0]
            $policy = Join-Path $Policies 'busy-client.yaml'
            Out-Result 'Session' @(Set-TwPolicy $policy -Session $s -PassThru | Select-Object Key, Before, After, Changed, Enforced, PersistFile)
            Out-Result 'Ssh' @(Set-TwPolicy $policy -HostName $Hosts[1] @Remote -PassThru | Select-Object Key, Before, After, Changed, Enforced, PersistFile)
            Out-Result 'Again' @(Set-TwPolicy $policy -Session $s -PassThru | Select-Object Key, Changed)
            Out-Result 'Verdict' @(Test-TwPolicy $policy -Session $s)
            """);

        Assert.Equal(Rows(apply["Ssh"]), Rows(apply["Session"]));
        var timestamps = Assert.Single(apply["Session"].EnumerateArray(), r => r.GetProperty("Key").GetString() == "net.ipv4.tcp_timestamps");
        Assert.True(timestamps.GetProperty("Enforced").GetBoolean() && timestamps.GetProperty("Changed").GetBoolean(), timestamps.ToString());
        Assert.Equal(viaSsh.Namespace.Values(), viaSession.Namespace.Values());
        Assert.Equal("1", viaSession.Namespace.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Equal("1", viaSession.Namespace.Get("net.ipv4.tcp_timestamps"));
        Assert.Equal(Files(viaSsh), Files(viaSession));
        Assert.All(apply["Again"].EnumerateArray(), r => Assert.False(r.GetProperty("Changed").GetBoolean()));
        Assert.Equal("[true]", Compact(apply["Verdict"]));
    }

    [Fact]
    public void A_refused_policy_over_a_session_is_the_same_error_and_writes_nothing()
    {
        var before = _fleet.Hosts.Select(State).ToList();
        var recycle = Path.Combine(_fleet.Fleet.Directory, "recycle.yaml");
        File.WriteAllText(recycle, "apiVersion: twtools.io/v1\nkind: TwPolicy\nmetadata:\n  name: recycle\nspec:\n  settings:\n    net.ipv4.tcp_tw_recycle: 1\n");

        var run = _fleet.Pwsh($$"""
            $s = $Hosts | ForEach-Object { Open-TestSession $_ }
            Set-TwPolicy '{{recycle}}' -Session $s -ErrorAction SilentlyContinue -ErrorVariable refused
            Out-Result 'Errors' @(ConvertTo-TestError $refused)
            """);

        var error = Assert.Single(run["Errors"].EnumerateArray());
        Assert.Equal("TwTools.Policy.RecycleRefused,TwTools.PowerShell.Cmdlets.SetTwPolicyCommand", error.GetProperty("Id").GetString());
        Assert.Contains("recycle.yaml:7", error.GetProperty("Message").GetString());
        Assert.Equal(before, _fleet.Hosts.Select(State).ToList());
    }

    [Fact]
    public void Piped_sessions_bind_to_Session_and_nothing_else()
    {
        // No -SshOption here: had anything gone over ssh instead, the unknown host key would have failed it.
        var run = _fleet.Pwsh("""
            $s = $Hosts | ForEach-Object { Open-TestSession $_ }
            Out-Result 'Verdicts' @($s | Test-TwPolicy busy-client -ErrorVariable e1)
            Out-Result 'States' @($s | Get-TwKernelPolicy -ErrorVariable e2 | Select-Object Host, Key, Expected)
            Out-Result 'Summary' @(Get-PSSession | Get-TcpSocketState -Summary -ErrorVariable e3 | Select-Object Host, State)
            Out-Result 'Errors' @(ConvertTo-TestError (@($e1) + @($e2) + @($e3)))
            """);

        Assert.Equal("[]", Compact(run["Errors"]));
        Assert.Equal("[false,false]", Compact(run["Verdicts"]));
        var hosts = _fleet.Hosts.Select(h => h.Address).ToList();
        Assert.Equal(hosts, run["States"].EnumerateArray().Select(r => r.GetProperty("Host").GetString()!).Distinct().ToList());
        Assert.All(run["States"].EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("Expected").ValueKind));
        var summary = run["Summary"].EnumerateArray().ToList();
        Assert.Equal(hosts, summary.Select(r => r.GetProperty("Host").GetString()!).Distinct().Order().ToList());
        Assert.Contains(summary, r => r.GetProperty("State").GetRawText() != "\"Opened\"" && r.GetProperty("Host").GetString() == hosts[0]);
    }

    [Fact]
    public void A_closed_broken_or_dying_session_is_one_error_for_its_host_and_the_others_still_answer()
    {
        var run = _fleet.Pwsh("""
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $good = Open-TestSession $Hosts[0]
            $closed = Open-TestSession $Hosts[1]
            Remove-PSSession $closed
            Out-Result 'Verdicts' @(Test-TwPolicy busy-client -Session $good, $closed -ErrorAction SilentlyContinue -ErrorVariable e1)
            Out-Result 'ClosedErrors' @(ConvertTo-TestError $e1)

            # The remote pwsh behind a session dies: the session is Broken the next time it is used.
            $broken = Open-TestSession $Hosts[1]
            $remotePid = Invoke-Command -Session $broken { $PID }
            kill -9 $remotePid
            Start-Sleep -Milliseconds 500
            Out-Result 'Ports' @(Test-PortExhaustion -Summary -Session $good, $broken -ErrorAction SilentlyContinue -ErrorVariable e2 | Select-Object Host, Verdict)
            Out-Result 'BrokenErrors' @(ConvertTo-TestError $e2)

            # ... or dies in the middle of a sample.
            $dying = Open-TestSession $Hosts[1]
            $remotePid = Invoke-Command -Session $dying { $PID }
            $null = [Diagnostics.Process]::Start('sh', [string[]] @('-c', "sleep 1.5; kill -9 $remotePid"))
            Out-Result 'Sampled' @(Test-PortExhaustion -Summary -SampleSeconds 4 -Session $good, $dying -ErrorAction SilentlyContinue -ErrorVariable e3 | Select-Object Host, Verdict)
            Out-Result 'DyingErrors' @(ConvertTo-TestError $e3)
            Out-Result 'Seconds' $clock.Elapsed.TotalSeconds
            """, TimeSpan.FromSeconds(90));

        var (good, other) = (_fleet.Hosts[0].Address, _fleet.Hosts[1].Address);
        Assert.Equal(2, run["Verdicts"].GetArrayLength());
        Assert.Equal("false", run["Verdicts"][1].GetRawText());
        foreach (var name in new[] { "ClosedErrors", "BrokenErrors", "DyingErrors" })
        {
            Assert.True(run[name].GetArrayLength() == 1, name + ": " + run.Result);
            var error = run[name][0];
            Assert.StartsWith("TwTools.Remote.Unreachable,", error.GetProperty("Id").GetString());
            Assert.Equal(("ConnectionError", other), (error.GetProperty("Category").GetString(), error.GetProperty("Target").GetString()));
            Assert.StartsWith(other + ": ", error.GetProperty("Message").GetString());
        }

        // A summary keeps the failed host's place (a HostFailure, which has no verdict), so metrics still count it.
        foreach (var name in new[] { "Ports", "Sampled" })
        {
            Assert.Equal([good, other], run[name].EnumerateArray().Select(r => r.GetProperty("Host").GetString()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, run[name][1].GetProperty("Verdict").ValueKind);
        }
        Assert.True(run["Seconds"].GetDouble() < 60, run["Seconds"].ToString());
    }

    [Fact]
    public void UseSudo_over_a_session_runs_the_programs_through_sudo()
    {
        // Only root can open a session to these hosts (the pinned pwsh lives under /root), so root goes
        // through sudo here; the host's sudo log shows the programs really went that way.
        var host = _fleet.Hosts[0];
        File.Delete(host.SudoLog);
        var run = _fleet.Pwsh("""
            $s = Open-TestSession $Hosts[0]
            Out-Result 'Changed' @(Set-TwPolicy busy-client -Session $s -UseSudo -PassThru | Where-Object Changed | ForEach-Object Key)
            Out-Result 'Compliant' (Test-TwPolicy busy-client -Session $s -UseSudo)
            """, TimeSpan.FromSeconds(90));

        Assert.Contains("net.ipv4.tcp_tw_reuse", run["Changed"].EnumerateArray().Select(k => k.GetString()));
        Assert.True(run["Compliant"].GetBoolean());
        Assert.Equal("1", host.Namespace.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Equal("0 644", Shell.Check("stat", "-c", "%u %a", Assert.Single(Directory.GetFiles(host.Namespace.SysctlD))).Trim());
        Assert.True(File.Exists(host.SudoLog) && File.ReadAllText(host.SudoLog).Contains("COMMAND=/usr/bin/sh", StringComparison.Ordinal), "sudo logged nothing");
    }

    [Fact]
    public void A_host_whose_answer_unpacks_without_end_is_cut_at_the_cap_and_fails_alone()
    {
        // The host's own sh (first on the PATH sshd gives the subsystem) answers with 300 MB of zeros,
        // which the host's side gzips into a small answer that would unpack past any sensible size.
        var host = _fleet.Hosts[1];
        host.Stop();
        host.Start("mount -t tmpfs tmpfs /usr/local/bin && printf '#!/bin/dash\\nexec head -c 300000000 /dev/zero\\n' > /usr/local/bin/sh && chmod 755 /usr/local/bin/sh");
        try
        {
            var run = _fleet.Pwsh("""
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $sessions = $Hosts | ForEach-Object { Open-TestSession $_ }
                Out-Result 'Kernel' @(Get-TwKernelPolicy -Session $sessions -ErrorAction SilentlyContinue -ErrorVariable e | Select-Object -ExpandProperty Host -Unique)
                Out-Result 'Errors' @(ConvertTo-TestError $e)
                Out-Result 'Seconds' $clock.Elapsed.TotalSeconds
                Out-Result 'WorkingSetMiB' ([Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64 / 1MB)
                """, TimeSpan.FromSeconds(90));

            Assert.Equal([_fleet.Hosts[0].Address], run["Kernel"].EnumerateArray().Select(h => h.GetString()));
            var error = Assert.Single(run["Errors"].EnumerateArray());
            Assert.StartsWith("TwTools.Remote.AnswerTooLarge,", error.GetProperty("Id").GetString());
            Assert.Equal(("LimitsExceeded", host.Address), (error.GetProperty("Category").GetString(), error.GetProperty("Target").GetString()));
            Assert.True(run["Seconds"].GetDouble() < 60, run["Seconds"].ToString());
            Assert.True(run["WorkingSetMiB"].GetDouble() < 1024, run["WorkingSetMiB"].ToString());
        }
        finally
        {
            host.Stop();
            host.Start();
        }
    }

    [Fact]
    public void Stopping_a_cmdlet_stuck_on_a_session_that_never_answers_takes_under_a_second()
    {
        var run = _fleet.Pwsh($$"""
            $stuck = Open-TestSession $Hosts[1]
            $remotePid = Invoke-Command -Session $stuck { $PID }
            kill -STOP $remotePid
            try {
                $ps = [powershell]::Create()
                $null = $ps.AddCommand('Import-Module').AddArgument('{{ModuleUnderTest.Manifest}}').Invoke()
                $ps.Commands.Clear()
                $null = $ps.AddCommand('Test-TwPolicy').AddParameter('Path', 'busy-client').AddParameter('Session', $stuck)
                $async = $ps.BeginInvoke()
                Start-Sleep -Seconds 2
                Out-Result 'StillRunning' (-not $async.IsCompleted)
                $clock = [Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()     # what Ctrl+C does
                Out-Result 'StopSeconds' $clock.Elapsed.TotalSeconds
            } finally {
                kill -KILL $remotePid
            }
            """, TimeSpan.FromSeconds(60));

        Assert.True(run["StillRunning"].GetBoolean(), "the cmdlet should have been waiting on the stuck session");
        Assert.True(run["StopSeconds"].GetDouble() < 1.0, run["StopSeconds"].ToString());
    }

    [Fact]
    public void A_host_that_fails_for_several_reasons_is_one_error_record_and_override_messages_name_the_host()
    {
        var overridden = _fleet.Hosts[1];
        File.WriteAllText(Path.Combine(overridden.Namespace.SysctlD, "99-local.conf"), "net.ipv4.tcp_tw_reuse = 0\n");
        var before = State(overridden);
        var run = _fleet.Pwsh($$"""
            $policy = Join-Path $Policies 'busy-client.yaml'
            # Not root and no sudo: neither /proc/sys nor /etc/sysctl.d can be written.
            Set-TwPolicy $policy -HostName "{{SshTestHost.UnprivilegedUser}}@$($Hosts[0])" @Remote -ErrorAction SilentlyContinue -ErrorVariable denied
            Out-Result 'Denied' @(ConvertTo-TestError $denied)
            $s = Open-TestSession $Hosts[1]
            Set-TwPolicy $policy -Session $s -WhatIf -WarningVariable warned 3>$null
            Out-Result 'Warnings' @($warned | ForEach-Object Message)
            Set-TwPolicy $policy -Session $s -FailOnOverride -ErrorAction SilentlyContinue -ErrorVariable refused
            Out-Result 'Refused' @(ConvertTo-TestError $refused)
            """);

        Assert.True(run["Denied"].GetArrayLength() == 1, run.Result.ToString());
        var denied = run["Denied"][0].GetProperty("Message").GetString()!;
        Assert.StartsWith($"{SshTestHost.UnprivilegedUser}@{_fleet.Hosts[0].Address}: ", denied);
        Assert.Contains("/etc/sysctl.d/60-twtools-busy-client.conf", denied);
        Assert.Contains("net.ipv4.tcp_tw_reuse", denied);
        Assert.Contains(run["Warnings"].EnumerateArray(), w => w.GetString()!.StartsWith($"{overridden.Address}: /etc/sysctl.d/99-local.conf:1 sets net.ipv4.tcp_tw_reuse", StringComparison.Ordinal));
        var refused = Assert.Single(run["Refused"].EnumerateArray());
        Assert.StartsWith("TwTools.Apply.PersistOverridden,", refused.GetProperty("Id").GetString());
        Assert.Contains($"{overridden.Address}: /etc/sysctl.d/99-local.conf:1", refused.GetProperty("Message").GetString());
        Assert.Equal(before, State(overridden));
    }

    [Fact]
    public void The_compliance_pack_checks_sessions_and_ssh_hosts_and_its_fix_lines_work_when_pasted()
    {
        var pester = PesterModule();
        var run = _fleet.Pwsh($$"""
            Import-Module '{{pester}}'
            $pack = Join-Path (Get-Module TwTools).ModuleBase 'Compliance/TwTools.Compliance.Tests.ps1'
            $s = Open-TestSession $Hosts[0]
            # An ssh host, one that refuses (nothing listens on port 2), and a session.
            $data = @{ Policy = 'busy-client'; HostName = "root@$($Hosts[1])", "root@$($Hosts[1]):2"; Session = $s; Connection = $Remote + @{ TimeoutSeconds = 60 } }
            $first = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data $data) -PassThru -Output None
            $again = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data $data) -PassThru -Output None
            Out-Result 'FailedContainers' $first.FailedContainersCount
            Out-Result 'Names' @($first.Tests.ExpandedName)
            Out-Result 'NamesAgain' @($again.Tests.ExpandedName)
            $messages = @($first.Failed | ForEach-Object { $_.ErrorRecord[0].Exception.Message })
            Out-Result 'Messages' $messages
            $fixes = @($messages | ForEach-Object { [regex]::Match($_, '(?m)^fix with: (Set-TwPolicy .*)$').Groups[1].Value } | Where-Object { $_ } | Sort-Object -Unique)
            Out-Result 'Fixes' $fixes
            foreach ($fix in $fixes) { Invoke-Expression $fix 6>$null }
            $after = Invoke-Pester -Container (New-PesterContainer -Path $pack -Data $data) -PassThru -Output None
            Out-Result 'FailedAfterFix' @($after.Failed.ExpandedName)
            """, TimeSpan.FromSeconds(120));

        var (ssh, session) = ($"root@{_fleet.Hosts[1].Address}", _fleet.Hosts[0].Address);
        Assert.Equal(0, run["FailedContainers"].GetInt32());
        var names = run["Names"].EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(names, run["NamesAgain"].EnumerateArray().Select(n => n.GetString()));
        Assert.StartsWith($"{ssh}: net.ipv4.", names[0]);
        Assert.Contains($"{session}: net.ipv4.tcp_tw_reuse complies", names);
        Assert.Equal($"{ssh}:2: can be read", names[^1]);
        var fixes = run["Fixes"].EnumerateArray().Select(f => f.GetString()!).ToList();
        Assert.Equal(2, fixes.Count);
        Assert.Contains(fixes, f => f.Contains($"-Session (Get-PSSession | Where-Object ComputerName -eq '{session}') -TimeoutSeconds 60", StringComparison.Ordinal) && !f.Contains("-IdentityFile", StringComparison.Ordinal));
        Assert.Contains(fixes, f => f.Contains("-HostName", StringComparison.Ordinal) && f.EndsWith("-TimeoutSeconds 60", StringComparison.Ordinal));
        Assert.Contains(fixes, f => f.Contains($"-HostName '{ssh}' -IdentityFile '{_fleet.Fleet.IdentityFile}' -SshOption 'UserKnownHostsFile=", StringComparison.Ordinal));
        Assert.Equal([$"{ssh}:2: can be read"], run["FailedAfterFix"].EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("1", _fleet.Hosts[0].Namespace.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Equal("1", _fleet.Hosts[1].Namespace.Get("net.ipv4.tcp_tw_reuse"));
    }

    // The pinned Pester the build restored into the NuGet cache (the newest of them).
    private static string PesterModule()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return Directory.GetDirectories(Path.Combine(packages, "pester")).Select(d => Path.Combine(d, "tools", "Pester.psd1")).Where(File.Exists).Order().Last();
    }

    [Fact]
    public void A_session_that_never_answers_times_out_alone()
    {
        var run = _fleet.Pwsh("""
            $good = Open-TestSession $Hosts[0]
            $stuck = Open-TestSession $Hosts[1]
            $remotePid = Invoke-Command -Session $stuck { $PID }
            kill -STOP $remotePid
            try {
                $clock = [Diagnostics.Stopwatch]::StartNew()
                Out-Result 'States' @(Get-TwKernelPolicy -Session $good, $stuck -TimeoutSeconds 3 -ErrorAction SilentlyContinue -ErrorVariable late | Select-Object -ExpandProperty Host -Unique)
                Out-Result 'Seconds' $clock.Elapsed.TotalSeconds
                Out-Result 'Errors' @(ConvertTo-TestError $late)
            } finally {
                kill -KILL $remotePid
            }
            """, TimeSpan.FromSeconds(60));

        Assert.Equal($"[\"{_fleet.Hosts[0].Address}\"]", Compact(run["States"]));
        Assert.True(run["Seconds"].GetDouble() < 10, run["Seconds"].ToString());
        var error = Assert.Single(run["Errors"].EnumerateArray());
        Assert.StartsWith("TwTools.Remote.Timeout,", error.GetProperty("Id").GetString());
        Assert.Equal("OperationTimeout", error.GetProperty("Category").GetString());
        Assert.StartsWith($"{_fleet.Hosts[1].Address}: no answer within 3 s", error.GetProperty("Message").GetString());
    }

    private static string State(SshTestHost host) =>
        string.Join('\n', host.Namespace.Values().Concat(host.Namespace.EtcFiles()).Select(p => $"{p.Key}={p.Value}"));

    private static Dictionary<string, string> Files(SshTestHost host) =>
        host.Namespace.EtcFiles().Where(f => f.Key.StartsWith("sysctl", StringComparison.Ordinal)).ToDictionary();

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    private static IEnumerable<JsonElement> ForHost(JsonElement rows, string address) =>
        rows.EnumerateArray().Where(r => r.GetProperty("Host").GetString() is { } h && (h == address || h.EndsWith("@" + address, StringComparison.Ordinal)));

    // Rows without their Host, as comparable text.
    private static List<string> Rows(IEnumerable<JsonElement> rows) =>
        rows.Select(r => string.Join("; ", r.EnumerateObject().Where(p => p.Name != "Host").Select(p => $"{p.Name}={p.Value.GetRawText()}"))).ToList();

    private static List<string> Rows(JsonElement rows) => Rows(rows.EnumerateArray());
}
