using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>
/// What TwTools says a key gets at boot is what systemd-sysctl really sets: the namespace's sysctl.d is applied by the
/// real systemd-sysctl in a mount namespace where every other sysctl directory is empty (and /etc/sysctl.conf is the
/// namespace's own empty file), so only
/// this namespace's net.ipv4 keys can be written, and TwTools reads the same files there.
/// </summary>
public class BootReadingTests
{
    private const string SystemdSysctl = "/lib/systemd/systemd-sysctl";

    [Fact]
    public void Persisted_values_are_the_ones_systemd_sysctl_applies()
    {
        Assert.True(File.Exists(SystemdSysctl), "systemd-sysctl is part of the machine's systemd (eng/bootstrap.sh installs it)");
        using var ns = new TestNamespace();
        File.WriteAllBytes(Path.Combine(ns.SysctlD, "10-bom.conf"), [0xEF, 0xBB, 0xBF, .. "net.ipv4.tcp_fin_timeout = 33\nnet.ipv4.tcp_max_tw_buckets = 5000\n"u8]);
        File.WriteAllBytes(Path.Combine(ns.SysctlD, "20-latin1.conf"), [.. "net.ipv4.ip_autobind_reuse = 1 # caf"u8, 0xE9, .. "\n"u8]);
        File.WriteAllText(Path.Combine(ns.SysctlD, ".30-hidden.conf"), "net.ipv4.tcp_timestamps = 0\n");
        File.WriteAllText(Path.Combine(ns.SysctlD, "40-explicit.conf"), "net.ipv4.tcp_tw_reuse = 0\n");
        File.WriteAllText(Path.Combine(ns.SysctlD, "50-glob.conf"), "net.ipv4.tcp_tw_reus* = 5\nnet.ipv4.ip_local_port_range = 40000 50001 # wide\n");
        File.WriteAllText(Path.Combine(ns.SysctlD, "\uE000.conf"), "net.ipv4.tcp_fin_timeout = 51\n");
        File.WriteAllText(Path.Combine(ns.SysctlD, "\U00010000.conf"), "net.ipv4.tcp_fin_timeout = 52\n");
        // /etc/sysctl.conf is already the namespace's own empty one (TestNamespace), through ip netns exec.
        const string isolate = "for d in /usr/lib/sysctl.d /usr/local/lib/sysctl.d /run/sysctl.d; do if [ -d $d ]; then mount -t tmpfs tmpfs $d || exit 9; fi; done; ";

        var result = ns.Exec(["unshare", "--mount", "--propagation", "private", "sh", "-c",
            isolate + $"{{ {SystemdSysctl} >/dev/null 2>&1; true; }}; exec \"$@\"", "sh", .. Cli.Command("kernel", "--json")]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var keys = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().ToDictionary(k => k.GetProperty("key").GetString()!);
        foreach (var (key, state) in keys)
        {
            if (state.GetProperty("persisted").GetString() is { } persisted)
            {
                // The runtime value is what systemd-sysctl just wrote; normalise tabs as TwTools shows ranges.
                Assert.Equal((key, state.GetProperty("runtime").GetString()!.Replace('\t', ' ')), (key, persisted.Replace('\t', ' ')));
            }
        }

        Assert.Equal("52", keys["net.ipv4.tcp_fin_timeout"].GetProperty("persisted").GetString());
        // The explicit line wins over the later glob; the glob sets the key nothing else sets.
        Assert.Equal("0", keys["net.ipv4.tcp_tw_reuse"].GetProperty("persisted").GetString());
        Assert.Equal("5", keys["net.ipv4.tcp_tw_reuse_delay"].GetProperty("persisted").GetString());
        Assert.Equal("40000 50001", keys["net.ipv4.ip_local_port_range"].GetProperty("persisted").GetString()!.Replace('\t', ' '));
        Assert.Equal("1", keys["net.ipv4.ip_autobind_reuse"].GetProperty("persisted").GetString());
        Assert.Null(keys["net.ipv4.tcp_timestamps"].GetProperty("persisted").GetString());
        Assert.Equal("1", keys["net.ipv4.tcp_timestamps"].GetProperty("runtime").GetString());
    }
}
