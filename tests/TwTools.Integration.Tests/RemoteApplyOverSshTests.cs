using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>twtools against real sshd hosts in namespaces, over the system ssh client, several hosts at once.</summary>
public class RemoteApplyOverSshTests
{
    private static readonly string BusyClient = Cli.Policy("busy-client");

    private static JsonElement[] Json(ProcessResult result) => JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().ToArray();

    // Every value and /etc file of a host, in one comparable string.
    private static string State(SshTestHost host) =>
        string.Join('\n', host.Namespace.Values().Concat(host.Namespace.EtcFiles()).Select(p => $"{p.Key}={p.Value}"));

    [Fact]
    public void Applies_to_several_hosts_in_parallel_then_a_second_run_changes_nothing()
    {
        using var fleet = new SshTestFleet(3);
        using var local = new TestNamespace();
        Assert.Equal(0, local.Exec(Cli.Command("apply", "--policy", BusyClient)).ExitCode);

        var first = fleet.Twtools(["apply", "--policy", BusyClient, "--json", .. fleet.HostArguments()]);

        Assert.True(first.ExitCode == 0, first.ToString());
        var results = Json(first);
        Assert.Equal(fleet.Hosts.Select(h => "root@" + h.Address).Order(), results.Select(r => r.GetProperty("host").GetString()!).Distinct().Order());
        foreach (var host in fleet.Hosts)
        {
            // Each host ends up exactly as a local apply leaves a namespace: values and file bytes.
            Assert.Equal(local.Values(), host.Namespace.Values());
            Assert.Equal(local.EtcFiles().Where(f => f.Key.StartsWith("sysctl", StringComparison.Ordinal)), host.Namespace.EtcFiles().Where(f => f.Key.StartsWith("sysctl", StringComparison.Ordinal)));
        }

        var second = fleet.Twtools(["apply", "--policy", BusyClient, "--json", .. fleet.HostArguments()]);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.All(Json(second), r => Assert.False(r.GetProperty("changed").GetBoolean()));
        Assert.Contains("no change", second.StdErr);
    }

    [Fact]
    public void What_if_reads_every_host_and_writes_nothing()
    {
        using var fleet = new SshTestFleet(2);
        var before = fleet.Hosts.Select(State).ToList();

        var result = fleet.Twtools(["apply", "--policy", BusyClient, "--what-if", "--json", .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(Json(result), r => r.GetProperty("wouldChange").GetBoolean());
        Assert.Contains("What if:", result.StdErr);
        Assert.Equal(before, fleet.Hosts.Select(State).ToList());
    }

    [Fact]
    public void A_host_that_is_down_fails_alone_while_the_others_converge()
    {
        using var fleet = new SshTestFleet(3);
        var down = fleet.Hosts[1];
        down.Stop();

        var result = fleet.Twtools(["apply", "--policy", BusyClient, "--json", .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"TwTools.Remote.Unreachable", result.StdErr);
        Assert.Contains(down.Address, result.StdErr);
        Assert.DoesNotContain(Json(result), r => r.GetProperty("host").GetString()!.EndsWith(down.Address, StringComparison.Ordinal));
        Assert.Equal("1", fleet.Hosts[0].Namespace.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Equal("1", fleet.Hosts[2].Namespace.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Empty(Directory.GetFiles(down.Namespace.SysctlD));
    }

    [Fact]
    public void An_unknown_host_key_is_refused_unless_new_keys_are_accepted_explicitly()
    {
        using var fleet = new SshTestFleet(1, knownHosts: false);
        var host = fleet.Hosts[0];
        var values = host.Namespace.Values();

        var refused = fleet.Twtools(["apply", "--policy", BusyClient, .. fleet.HostArguments()]);

        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("TwTools.Remote.HostKeyUnknown", refused.StdErr);
        Assert.Equal(values, host.Namespace.Values());
        Assert.Equal(string.Empty, File.ReadAllText(fleet.KnownHostsFile));

        var accepted = fleet.Twtools(["apply", "--policy", BusyClient, "--accept-new-host-key", .. fleet.HostArguments()]);

        Assert.True(accepted.ExitCode == 0, accepted.ToString());
        Assert.Equal("1", host.Namespace.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Contains("ssh-ed25519", File.ReadAllText(fleet.KnownHostsFile));
    }

    [Fact]
    public void Test_exits_1_on_a_host_that_does_not_comply_and_0_once_all_do()
    {
        using var fleet = new SshTestFleet(2);
        fleet.Hosts[0].Namespace.Set("net.ipv4.tcp_tw_reuse", "0");

        var before = fleet.Twtools(["test", "--policy", BusyClient, .. fleet.HostArguments()]);
        Assert.True(before.ExitCode == 1, before.ToString());
        Assert.Contains($"root@{fleet.Hosts[0].Address}: does not comply", before.StdErr);

        Assert.Equal(0, fleet.Twtools(["apply", "--policy", BusyClient, .. fleet.HostArguments()]).ExitCode);
        var after = fleet.Twtools(["test", "--policy", BusyClient, "--json", .. fleet.HostArguments()]);

        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal(2, Json(after).Select(s => s.GetProperty("host").GetString()).Distinct().Count());
    }
}
