using System.Diagnostics;

namespace TwTools.Integration.Tests;

/// <summary>Ctrl+C (SIGINT) during a run over several hosts, one of which never answers.</summary>
public class FleetStopTests
{
    [Fact]
    public void Ctrl_C_ends_a_run_stuck_on_a_host_that_never_answers_within_a_second()
    {
        using var fleet = new SshTestFleet(2);
        fleet.Hosts[1].Freeze();
        var command = Cli.Command(["kernel", .. fleet.HostArguments(), "--ssh-config", fleet.ConfigFile, "--identity-file", fleet.IdentityFile]);
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["netns", "exec", fleet.Controller, "env", "TWTOOLS_SSH_CONTROL_DIR=" + fleet.ControlDirectory, .. command])
        {
            info.ArgumentList.Add(argument);
        }

        using var twtools = Process.Start(info)!;
        var stdout = twtools.StandardOutput.ReadToEndAsync();
        var stderr = twtools.StandardError.ReadToEndAsync();
        try
        {
            // The good host answers at once; the frozen one holds the run until the signal.
            Thread.Sleep(TimeSpan.FromSeconds(3));
            Assert.False(twtools.HasExited, "the run should still be waiting on the frozen host");
            var clock = Stopwatch.StartNew();
            Shell.Check("kill", "-INT", twtools.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(twtools.WaitForExit(TimeSpan.FromSeconds(5)), "twtools ignored SIGINT");
            clock.Stop();

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), clock.Elapsed.ToString());
            Assert.Equal(3, twtools.ExitCode);
            Assert.Contains($"root@{fleet.Hosts[0].Address}: kernel", stdout.Result);
            Assert.Contains($"root@{fleet.Hosts[1].Address}: stopped before it finished", stderr.Result);
        }
        finally
        {
            if (!twtools.HasExited)
            {
                twtools.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void A_host_that_never_answers_times_out_alone_and_the_others_finish()
    {
        using var fleet = new SshTestFleet(2);
        fleet.Hosts[1].Freeze();
        var clock = Stopwatch.StartNew();

        var result = fleet.Twtools(["kernel", "--timeout", "3", .. fleet.HostArguments()]);

        clock.Stop();
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), clock.Elapsed.ToString());
        Assert.Contains($"root@{fleet.Hosts[0].Address}: kernel", result.StdOut);
        Assert.Contains($"root@{fleet.Hosts[1].Address}: no answer within 3 s", result.StdErr);
        Assert.Contains("TwTools.Remote.Timeout", result.StdErr);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("86401")]
    public void A_timeout_out_of_range_is_a_usage_error(string seconds)
    {
        var result = Shell.Run(Cli.Command("kernel", "--host", "h", "--timeout", seconds)[0], Cli.Command("kernel", "--host", "h", "--timeout", seconds)[1..]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--timeout must be between 1 and 86400 seconds", result.StdErr);
    }
}
