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

    [Fact]
    public void A_policy_can_be_named_instead_of_pathed_and_TWTOOLS_POLICY_PATH_comes_first()
    {
        using var ns = new TestNamespace();
        var mine = Directory.CreateTempSubdirectory("twtools-policies-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(mine, "busy-client.yaml"), File.ReadAllText(Cli.Policy("busy-client")).Replace("10240 65535", "20000 60999"));

            var shipped = ns.Exec(Cli.Command("apply", "--policy", "busy-client"));
            Assert.True(shipped.ExitCode == 0, shipped.ToString());
            Assert.Equal("10240\t65535", ns.Get("net.ipv4.ip_local_port_range"));

            var overridden = ns.Exec(["env", PolicyPathVariable + "=" + mine, .. Cli.Command("apply", "--policy", "busy-client")]);
            Assert.True(overridden.ExitCode == 0, overridden.ToString());
            Assert.Equal("20000\t60999", ns.Get("net.ipv4.ip_local_port_range"));

            var missing = ns.Exec(Cli.Command("apply", "--policy", "no-such-policy"));
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("no policy named 'no-such-policy'", missing.StdErr);
            Assert.Contains("busy-client", missing.StdErr[missing.StdErr.IndexOf("known names", StringComparison.Ordinal)..]);
            Assert.Empty(missing.StdOut);
        }
        finally
        {
            Directory.Delete(mine, recursive: true);
        }
    }

    private const string PolicyPathVariable = "TWTOOLS_POLICY_PATH";
}
