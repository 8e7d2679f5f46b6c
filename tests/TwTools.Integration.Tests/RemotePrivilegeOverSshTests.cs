namespace TwTools.Integration.Tests;

/// <summary>Who may change a remote host: root, a user through sudo -n, never a user sudo would prompt, and not through a read-only /proc/sys.</summary>
public class RemotePrivilegeOverSshTests
{
    private static readonly string BusyClient = Cli.Policy("busy-client");

    [Fact]
    public void A_non_root_user_without_sudo_gets_permission_errors_and_nothing_changes()
    {
        using var fleet = new SshTestFleet(1);
        var host = fleet.Hosts[0].Namespace;
        var values = host.Values();

        var result = fleet.Twtools(["apply", "--policy", BusyClient, .. fleet.HostArguments(user: SshTestHost.UnprivilegedUser)]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Apply.PermissionDenied", result.StdErr);
        Assert.Contains($"{SshTestHost.UnprivilegedUser}@{fleet.Hosts[0].Address}", result.StdErr);
        Assert.Equal(values, host.Values());
        Assert.Empty(Directory.GetFiles(host.SysctlD));
    }

    [Fact]
    public void A_non_root_user_with_sudo_converges_the_host()
    {
        using var fleet = new SshTestFleet(1);
        var host = fleet.Hosts[0].Namespace;

        var result = fleet.Twtools(["apply", "--policy", BusyClient, "--sudo", .. fleet.HostArguments(user: SshTestHost.UnprivilegedUser)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("1", host.Get("net.ipv4.tcp_tw_reuse"));
        var file = Assert.Single(Directory.GetFiles(host.SysctlD));
        Assert.Equal("0 644", Shell.Check("stat", "-c", "%u %a", file).Trim());
    }

    [Fact]
    public void Sudo_that_wants_a_password_is_an_error_at_once_not_a_hang()
    {
        using var fleet = new SshTestFleet(1);
        var values = fleet.Hosts[0].Namespace.Values();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = fleet.Twtools(["apply", "--policy", BusyClient, "--sudo", .. fleet.HostArguments(user: SshTestHost.PasswordSudoUser)]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Remote.SudoPasswordRequired", result.StdErr);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(values, fleet.Hosts[0].Namespace.Values());
    }

    [Fact]
    public void A_read_only_proc_sys_on_one_host_fails_that_host_only()
    {
        using var fleet = new SshTestFleet(2);
        var readOnly = fleet.Hosts[0];
        readOnly.Stop();
        readOnly.Start("mount --bind /proc/sys /proc/sys && mount -o remount,ro,bind /proc/sys");
        var values = readOnly.Namespace.Values();

        var result = fleet.Twtools(["apply", "--policy", BusyClient, .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Apply.ProcSysReadOnly", result.StdErr);
        Assert.Contains(readOnly.Address, result.StdErr);
        Assert.Equal(values, readOnly.Namespace.Values());
        Assert.Empty(Directory.GetFiles(readOnly.Namespace.SysctlD));
        Assert.Equal("1", fleet.Hosts[1].Namespace.Get("net.ipv4.tcp_tw_reuse"));
    }
}
