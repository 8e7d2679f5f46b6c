using System.Management.Automation;

namespace TwTools.PowerShell.Tests;

/// <summary>
/// Set-TwPolicy -Confirm in a real runspace whose host answers the prompts, against a fake host tree
/// (TWTOOLS_PROC_ROOT / TWTOOLS_CONF_ROOT), so the cmdlet really writes without touching this machine.
/// The environment is the process's, so these tests share a collection with every in-process test.
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class ConfirmTests : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-confirm-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public ConfirmTests()
    {
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["kernel/osrelease"] = "6.18.0-test",
            ["net/ipv4/ip_unprivileged_port_start"] = "1024",
            ["net/ipv4/tcp_timestamps"] = "1",
            ["net/ipv4/tcp_tw_reuse"] = "2",
            ["net/ipv4/ip_local_port_range"] = "32768\t60999",
        })
        {
            var path = Path.Combine(_root, "proc/sys", key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, value + "\n");
        }

        Directory.CreateDirectory(Path.Combine(_root, "conf/etc/sysctl.d"));
    }

    private string Runtime(string key) => File.ReadAllText(Path.Combine(_root, "proc/sys/net/ipv4", key)).TrimEnd('\n');

    private string PersistFile => Path.Combine(_root, "conf/etc/sysctl.d/60-twtools-busy-client.conf");

    [Fact]
    public void At_confirm_preference_low_declining_a_runtime_value_but_confirming_the_file_writes_the_file_and_warns_that_runtime_and_boot_differ()
    {
        var host = new ScriptedHost((_, message) => message.Contains("net.ipv4.tcp_tw_reuse", StringComparison.Ordinal) ? "No" : "Yes");
        using var pwsh = new InProcessPowerShell(host: host);

        var run = Apply(pwsh, "-Confirm", "$ConfirmPreference = 'Low'");

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(3, host.Prompts.Count); // two runtime values and the file, each asked once
        Assert.Equal("2", Runtime("tcp_tw_reuse"));
        Assert.Equal("10240\t65535", Runtime("ip_local_port_range").Replace(' ', '\t'));
        Assert.Contains("net.ipv4.tcp_tw_reuse = 1", File.ReadAllText(PersistFile));
        var reuse = Assert.Single(run.Output, o => (string)o.Properties["Key"].Value == "net.ipv4.tcp_tw_reuse");
        Assert.Equal((false, true), ((bool)reuse.Properties["Changed"].Value, (bool)reuse.Properties["WouldChange"].Value));
        Assert.Contains(run.Warnings, w => w.Contains("net.ipv4.tcp_tw_reuse now runs with 2 but boots with 1", StringComparison.Ordinal));
        Assert.Contains(run.Information, i => i.ToString().Contains("1 key(s) changed, /etc/sysctl.d/60-twtools-busy-client.conf written; 1 change(s) declined", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Yes")]
    [InlineData("No")]
    public void Confirm_asks_once_for_the_host_with_every_planned_change_and_the_answer_holds_for_all_of_them(string answer)
    {
        var host = new ScriptedHost((_, _) => answer);
        using var pwsh = new InProcessPowerShell(host: host);

        var run = Apply(pwsh, "-Confirm");

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        var prompt = Assert.Single(host.Prompts);
        Assert.Contains("localhost", prompt, StringComparison.Ordinal);
        Assert.Contains("set net.ipv4.tcp_tw_reuse 2 -> 1", prompt, StringComparison.Ordinal);
        Assert.Contains("set net.ipv4.ip_local_port_range 32768 60999 -> 10240 65535", prompt, StringComparison.Ordinal);
        Assert.Contains("create persisted settings /etc/sysctl.d/60-twtools-busy-client.conf", prompt, StringComparison.Ordinal);
        Assert.Equal(answer == "Yes" ? "1" : "2", Runtime("tcp_tw_reuse"));
        Assert.Equal(answer == "Yes", File.Exists(PersistFile));
        var reuse = Assert.Single(run.Output, o => (string)o.Properties["Key"].Value == "net.ipv4.tcp_tw_reuse");
        Assert.Equal(answer == "Yes" ? "runtime+boot" : "would: runtime+boot", (string)reuse.Properties["Change"].Value);
    }

    [Fact]
    public void What_if_asks_nothing_and_writes_nothing()
    {
        var host = new ScriptedHost((_, message) => throw new InvalidOperationException("asked: " + message));
        using var pwsh = new InProcessPowerShell(host: host);

        var run = Apply(pwsh, "-WhatIf");

        Assert.Empty(run.Errors);
        Assert.Empty(host.Prompts);
        Assert.Equal("2", Runtime("tcp_tw_reuse"));
        Assert.False(File.Exists(PersistFile));
        Assert.All(run.Output, o => Assert.False((bool)o.Properties["Changed"].Value));
        // Not made, so the outcome is the value before; the change that was not made is named.
        var reuse = Assert.Single(run.Output, o => (string)o.Properties["Key"].Value == "net.ipv4.tcp_tw_reuse");
        Assert.Equal(("2", "1", "would: runtime+boot"), ((string)reuse.Properties["After"].Value, (string)reuse.Properties["Desired"].Value, (string)reuse.Properties["Change"].Value));
        // A key this kernel lacks stays absent, as Get-TwKernelPolicy shows it, not the value the policy asks for.
        var recycle = Assert.Single(run.Output, o => (string)o.Properties["Key"].Value == "net.ipv4.tcp_tw_recycle");
        Assert.Equal(((string?)null, (string?)null, "none"), ((string?)recycle.Properties["Before"].Value, (string?)recycle.Properties["After"].Value, (string)recycle.Properties["Change"].Value));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private InProcessPowerShell.Invocation Apply(InProcessPowerShell pwsh, string mode, string preference = "") => pwsh.Invoke($$"""
        param($Root, $Policy)
        $env:TWTOOLS_PROC_ROOT = Join-Path $Root 'proc'
        $env:TWTOOLS_CONF_ROOT = Join-Path $Root 'conf'
        try { & { {{preference}}; Set-TwPolicy -Path $Policy -PassThru {{mode}} -InformationAction Continue } }
        finally { Remove-Item Env:TWTOOLS_PROC_ROOT, Env:TWTOOLS_CONF_ROOT }
        """, _root, ModuleUnderTest.Policy("busy-client"));
}
