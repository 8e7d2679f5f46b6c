using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>twtools apply against a real kernel: each test's host is a fresh network namespace.</summary>
public class ApplyInNamespaceTests
{
    private static ProcessResult Apply(TestNamespace ns, string policy, params string[] extra) =>
        ns.Exec(Cli.Command(new[] { "apply", "--policy", policy }.Concat(extra).ToArray()));

    private static JsonElement[] Items(ProcessResult result) =>
        JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().ToArray();

    [Fact]
    public void Shipped_busy_client_policy_applies_to_a_namespace_and_persists()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_tw_reuse", "0");
        var machineBefore = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
        var before = ns.Values();

        var result = Apply(ns, Cli.Policy("busy-client"), "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var after = ns.Values();
        var changed = before.Keys.Where(k => before[k] != after[k]).OrderBy(k => k).ToArray();
        Assert.Equal(new[] { "net.ipv4.ip_local_port_range", "net.ipv4.tcp_tw_reuse" }, changed);
        Assert.Equal("1", after["net.ipv4.tcp_tw_reuse"]);
        Assert.Equal("10240\t65535", after["net.ipv4.ip_local_port_range"]);
        Assert.Equal(
            "# Written by TwTools from policy 'busy-client'.\n# Edit the policy and apply it again rather than this file: the next apply rewrites it.\nnet.ipv4.tcp_tw_reuse = 1\nnet.ipv4.ip_local_port_range = 10240 65535\n",
            File.ReadAllText(Path.Combine(ns.SysctlD, "60-twtools-busy-client.conf")));
        Assert.Equal(machineBefore, File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range"));

        var reuse = Items(result).Single(i => i.GetProperty("key").GetString() == "net.ipv4.tcp_tw_reuse");
        Assert.Equal("0", reuse.GetProperty("before").GetString());
        Assert.Equal("1", reuse.GetProperty("after").GetString());
        Assert.True(reuse.GetProperty("changed").GetBoolean());
    }

    [Fact]
    public void Timestamps_are_enforced_when_the_host_has_them_off()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_timestamps", "0");
        var result = Apply(ns, Cli.Policy("busy-client"), "--json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1", ns.Get("net.ipv4.tcp_timestamps"));
        Assert.Contains("TwTools.Apply.TimestampsEnforced", result.StdErr);
        var timestamps = Items(result).Single(i => i.GetProperty("key").GetString() == "net.ipv4.tcp_timestamps");
        Assert.True(timestamps.GetProperty("enforced").GetBoolean());
        Assert.Contains("net.ipv4.tcp_timestamps = 1", File.ReadAllText(Path.Combine(ns.SysctlD, "60-twtools-busy-client.conf")));
    }

    [Fact]
    public void Second_run_changes_nothing_and_says_so()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_timestamps", "0");
        Assert.Equal(0, Apply(ns, Cli.Policy("busy-client")).ExitCode);
        var file = Path.Combine(ns.SysctlD, "60-twtools-busy-client.conf");
        var writtenAt = File.GetLastWriteTimeUtc(file);
        var values = ns.Values();
        var files = ns.EtcFiles();

        var second = Apply(ns, Cli.Policy("busy-client"), "--json");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.All(Items(second), i => Assert.False(i.GetProperty("changed").GetBoolean()));
        Assert.Contains("no change", second.StdErr);
        Assert.Equal(values, ns.Values());
        Assert.Equal(files, ns.EtcFiles());
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void What_if_shows_old_and_new_and_writes_nothing()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_tw_reuse", "0");
        var values = ns.Values();
        var files = ns.EtcFiles();

        var result = Apply(ns, Cli.Policy("busy-client"), "--what-if", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("What if: Set runtime value 0 -> 1", result.StdErr);
        Assert.Contains("60-twtools-busy-client.conf", result.StdErr);
        Assert.Contains(Items(result), i => i.GetProperty("key").GetString() == "net.ipv4.tcp_tw_reuse" && i.GetProperty("wouldChange").GetBoolean() && i.GetProperty("desired").GetString() == "1" && i.GetProperty("after").GetString() == "0");
        Assert.Equal(values, ns.Values());
        Assert.Equal(files, ns.EtcFiles());
    }

    [Fact]
    public void Kernel_defaults_policy_restores_a_tuned_namespace()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_fin_timeout", "15");
        ns.Set("net.ipv4.ip_local_reserved_ports", "40000-40010");
        var result = Apply(ns, Cli.Policy("kernel-defaults"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("60", ns.Get("net.ipv4.tcp_fin_timeout"));
        Assert.Equal(string.Empty, ns.Get("net.ipv4.ip_local_reserved_ports"));
        Assert.Equal(0, ns.Exec(Cli.Command("test", "--policy", Cli.Policy("kernel-defaults"))).ExitCode);
    }

    [Fact]
    public void Later_sysctl_conf_overriding_a_key_warns_and_with_the_switch_fails_untouched()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_tw_reuse", "0");
        File.WriteAllText(ns.SysctlConf, "net.ipv4.tcp_tw_reuse = 0\n");
        var values = ns.Values();
        var files = ns.EtcFiles();

        var strict = Apply(ns, Cli.Policy("busy-client"), "--fail-on-override");
        Assert.True(strict.ExitCode == 3, strict.ToString());
        Assert.Contains("TwTools.Apply.PersistOverridden", strict.StdErr);
        Assert.Contains("/etc/sysctl.conf:1", strict.StdErr);
        Assert.Equal(values, ns.Values());
        Assert.Equal(files, ns.EtcFiles());

        var lenient = Apply(ns, Cli.Policy("busy-client"));
        Assert.True(lenient.ExitCode == 0, lenient.ToString());
        Assert.Contains("warning", lenient.StdErr);
        Assert.Contains("TwTools.Apply.PersistOverridden", lenient.StdErr);
        Assert.Equal("1", ns.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public async Task Concurrent_applies_serialise_and_both_succeed()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_timestamps", "0");
        var runs = Enumerable.Range(0, 4).Select(_ => Task.Run(() => Apply(ns, Cli.Policy("busy-client")))).ToArray();
        var results = await Task.WhenAll(runs);
        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Single(results, r => r.StdErr.Contains("applied policy"));
        Assert.Equal("1", ns.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Equal(new[] { "60-twtools-busy-client.conf" }, Directory.GetFiles(ns.SysctlD).Select(Path.GetFileName).ToArray());
    }
}
