namespace TwTools.Integration.Tests;

/// <summary>Host names and ssh options that try to run a command are refused before anything connects.</summary>
public class RemoteInputTests
{
    private static readonly string BusyClient = Cli.Policy("busy-client");

    [Theory]
    [InlineData("-oProxyCommand=touch MARKER")]
    [InlineData("root@10.79.10.10;touch MARKER")]
    [InlineData("$(touch MARKER)")]
    [InlineData("root@10.79.10.10 touch MARKER")]
    [InlineData("`touch MARKER`@10.79.10.10")]
    [InlineData("10.79.10.10:22;touch MARKER")]
    public void A_host_name_that_carries_a_command_is_refused(string hostile)
    {
        using var fleet = new SshTestFleet(1);
        var marker = Path.Combine(fleet.Directory, "injected");
        var values = fleet.Hosts[0].Namespace.Values();

        var result = fleet.Twtools("apply", "--policy", BusyClient, "--host", hostile.Replace("MARKER", marker));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("TwTools.Input.InvalidHostName", result.StdErr);
        Assert.Empty(result.StdOut);
        Assert.False(File.Exists(marker));
        Assert.Equal(values, fleet.Hosts[0].Namespace.Values());
    }

    [Theory]
    [InlineData("ProxyCommand=touch MARKER")]
    [InlineData("LocalCommand=touch MARKER")]
    [InlineData("KnownHostsCommand=/bin/sh -c 'touch MARKER'")]
    [InlineData("StrictHostKeyChecking=no")]
    [InlineData("ProxyJump=-oProxyCommand=touch MARKER")]
    [InlineData("ConnectTimeout=5\nProxyCommand=touch MARKER")]
    public void An_ssh_option_that_runs_commands_or_weakens_checks_is_refused(string hostile)
    {
        using var fleet = new SshTestFleet(1);
        var marker = Path.Combine(fleet.Directory, "injected");

        var result = fleet.Twtools(["apply", "--policy", BusyClient, "--ssh-option", hostile.Replace("MARKER", marker), .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Matches("TwTools.Input.(InvalidSshOption|InvalidHostName)", result.StdErr);
        Assert.False(File.Exists(marker));
        Assert.Equal("2", fleet.Hosts[0].Namespace.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public void A_safe_ssh_option_is_passed_through()
    {
        using var fleet = new SshTestFleet(1);

        var result = fleet.Twtools(["kernel", "--ssh-option", "ConnectTimeout=5", "--ssh-option", "ServerAliveInterval=10", .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"root@{fleet.Hosts[0].Address}: kernel", result.StdOut);
    }

    [Fact]
    public void A_missing_hosts_file_is_an_input_error_naming_it()
    {
        using var ns = new TestNamespace();
        var file = Path.Combine(Path.GetTempPath(), "twt-no-such-hosts-" + ns.Name);

        var result = ns.Exec(Cli.Command("kernel", "--hosts-file", file));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(file, result.StdErr);
        Assert.Empty(result.StdOut);
    }

    [Fact]
    public void A_bad_line_in_a_hosts_file_is_named_by_file_and_line()
    {
        var file = Path.Combine(Path.GetTempPath(), "twt-hosts-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(file, "# fleet\nroot@10.79.10.10\n\nweb-1;reboot\n");
        try
        {
            // In an empty namespace: even if parsing regressed, nothing could leave the machine.
            using var ns = new TestNamespace();
            var result = ns.Exec(Cli.Command("kernel", "--hosts-file", file));

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains($"{file}:4:", result.StdErr);
            Assert.Contains("TwTools.Input.InvalidHostName", result.StdErr);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
