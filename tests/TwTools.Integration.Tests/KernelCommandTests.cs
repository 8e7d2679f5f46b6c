using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>twtools kernel and twtools test in a namespace: runtime and persisted values with their sources.</summary>
public class KernelCommandTests
{
    [Fact]
    public void Kernel_json_shows_runtime_persisted_value_and_source()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_fin_timeout", "42");
        File.WriteAllText(Path.Combine(ns.SysctlD, "30-tune.conf"), "# tuned\nnet.ipv4.tcp_fin_timeout = 42\n");
        var result = ns.Exec(Cli.Command("kernel", "--json"));
        Assert.True(result.ExitCode == 0, result.ToString());
        var fin = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().Single(e => e.GetProperty("key").GetString() == "net.ipv4.tcp_fin_timeout");
        Assert.Equal("42", fin.GetProperty("runtime").GetString());
        Assert.Equal("42", fin.GetProperty("persisted").GetString());
        Assert.Equal("/etc/sysctl.d/30-tune.conf:2", fin.GetProperty("persistedSource").GetString());
        var recycle = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().Single(e => e.GetProperty("key").GetString() == "net.ipv4.tcp_tw_recycle");
        Assert.Equal(File.Exists("/proc/sys/net/ipv4/tcp_tw_recycle"), recycle.GetProperty("exists").GetBoolean());
    }

    [Fact]
    public void Test_exits_1_when_not_compliant_and_0_after_apply()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_tw_reuse", "0");
        var before = ns.Exec(Cli.Command("test", "--policy", Cli.Policy("busy-client"), "--json"));
        Assert.True(before.ExitCode == 1, before.ToString());
        var reuse = JsonDocument.Parse(before.StdOut).RootElement.EnumerateArray().Single(e => e.GetProperty("key").GetString() == "net.ipv4.tcp_tw_reuse");
        Assert.False(reuse.GetProperty("compliant").GetBoolean());
        Assert.Contains("runtime value is 0", reuse.GetProperty("reason").GetString());

        Assert.Equal(0, ns.Exec(Cli.Command("apply", "--policy", Cli.Policy("busy-client"))).ExitCode);
        var after = ns.Exec(Cli.Command("test", "--policy", Cli.Policy("busy-client")));
        Assert.True(after.ExitCode == 0, after.ToString());
    }
}
