namespace TwTools.Integration.Tests;

/// <summary>How TwTools connects: one shared connection per host across runs, and each way ssh refuses a host gets its own error.</summary>
public class RemoteConnectionOverSshTests
{
    private static int SshConnections(SshTestHost host) =>
        host.Namespace.Exec("ss", "-Htn", "state", "established", "( sport = :22 )").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public void Runs_inside_the_sharing_window_reuse_one_connection_per_host_from_a_hosts_file()
    {
        using var fleet = new SshTestFleet(2);
        var hostsFile = Path.Combine(fleet.Directory, "hosts");
        File.WriteAllText(hostsFile, "# the fleet\n" + string.Join('\n', fleet.Hosts.Select(h => $"root@{h.Address}  # {h.Namespace.Name}")) + "\n");

        var first = fleet.Twtools("kernel", "--hosts-file", hostsFile);
        var second = fleet.Twtools("test", "--policy", Cli.Policy("kernel-defaults"), "--hosts-file", hostsFile);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.True(second.ExitCode is 0 or 1, second.ToString());
        Assert.All(fleet.Hosts, h => Assert.Contains($"root@{h.Address}: kernel", first.StdOut));
        // Without sharing each run's connection closes (0); a second master would make it 2.
        Assert.All(fleet.Hosts, h => Assert.Equal(1, SshConnections(h)));
    }

    [Fact]
    public void A_changed_host_key_is_refused_even_when_new_keys_are_accepted()
    {
        using var fleet = new SshTestFleet(1);
        var host = fleet.Hosts[0];
        var impostor = Path.Combine(fleet.Directory, "impostor");
        Shell.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", impostor);
        File.WriteAllText(fleet.KnownHostsFile, $"{host.Address} {File.ReadAllText(impostor + ".pub").Trim()}\n");

        var result = fleet.Twtools(["apply", "--policy", Cli.Policy("busy-client"), "--accept-new-host-key", .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Remote.HostKeyChanged", result.StdErr);
        Assert.Equal("2", host.Namespace.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public void A_key_the_host_does_not_authorise_is_an_authentication_error()
    {
        using var fleet = new SshTestFleet(1);
        var other = Path.Combine(fleet.Directory, "other");
        Shell.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", other);
        // sshd's AuthorizedKeysFile is the controller's .pub file: authorise a different key instead.
        File.Copy(other + ".pub", fleet.IdentityFile + ".pub", overwrite: true);

        var result = fleet.Twtools(["kernel", .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Remote.AuthenticationFailed", result.StdErr);
        Assert.Contains($"root@{fleet.Hosts[0].Address}", result.StdErr);
    }

    [Fact]
    public void Text_the_login_prints_before_the_program_is_quoted_and_blamed_on_the_login()
    {
        using var fleet = new SshTestFleet(1);
        var rc = Path.Combine(fleet.Directory, "h0", "root", ".ssh", "rc");
        Directory.CreateDirectory(Path.GetDirectoryName(rc)!);
        File.WriteAllText(rc, "echo 'Welcome to the build farm'\n");

        var result = fleet.Twtools(["kernel", .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("the login printed 'Welcome to the build farm' before TwTools' program", result.StdErr);
        Assert.DoesNotContain("POSIX sh", result.StdErr);
    }

    [Fact]
    public async Task A_connection_lost_during_an_apply_is_an_unknown_outcome_not_a_host_left_as_it_was()
    {
        using var fleet = new SshTestFleet(1);
        var host = fleet.Hosts[0];
        // The apply waits for the host's lock, so the program is on the host when the link goes.
        var held = await host.Namespace.HoldApplyLockAsync(4);
        var apply = Task.Run(() => fleet.Twtools(["apply", "--policy", Cli.Policy("busy-client"), .. fleet.HostArguments()]));
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Shell.Run("pgrep", "-f", "ssh: " + fleet.ControlDirectory + "/").ExitCode != 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        await Task.Delay(700);
        Shell.Run("pkill", "-KILL", "-f", "ssh: " + fleet.ControlDirectory + "/");
        var result = await apply;
        await held;

        Assert.True(result.ExitCode == 5, result.ToString());
        Assert.Contains("TwTools.Remote.OutcomeUnknown", result.StdErr);
        Assert.Contains("Check it before applying again", result.StdErr);
        Assert.DoesNotContain("as it was", result.StdErr);
    }
}
