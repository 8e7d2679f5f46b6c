using System.Diagnostics;

namespace TwTools.Integration.Tests;

/// <summary>
/// Faults a real host meets, made real in a namespace: fsync failing with EIO (strace -e inject=) on the
/// temp file and on the directory after the rename, and SIGTERM (systemctl stop, timeout) during an apply.
/// Each leaves the host as it was and says so truthfully.
/// </summary>
public class FaultInjectionTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static string PersistFile(TestNamespace ns) => Path.Combine(ns.SysctlD, "60-twtools-busy-client.conf");

    [Theory]
    [InlineData(1, "fsync of /etc/sysctl.d/.60-twtools-busy-client.conf.twtools-")]
    [InlineData(2, "fsync of /etc/sysctl.d failed: Input/output error; /etc/sysctl.d/60-twtools-busy-client.conf was removed again")]
    public void A_failed_fsync_is_a_failed_persist_and_the_host_is_left_as_it_was(int nthFsync, string expected)
    {
        using var ns = new TestNamespace();
        var values = ns.Values();

        var result = Shell.Run("ip", ["netns", "exec", ns.Name, "strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync",
            "-e", $"inject=fsync:error=EIO:when={nthFsync}", .. Cli.Command("apply", "--policy", Cli.Policy("busy-client"))], Deadline);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Apply.PersistFailed", result.StdErr);
        Assert.Contains(expected, result.StdErr);
        Assert.Contains("the host is as it was", result.StdErr);
        Assert.Equal(values, ns.Values());
        Assert.Empty(Directory.GetFileSystemEntries(ns.SysctlD));
    }

    [Fact]
    public void SIGTERM_stops_an_apply_like_ctrl_c_with_nothing_written()
    {
        using var ns = new TestNamespace();
        var values = ns.Values();
        var holder = ns.HoldApplyLockAsync(6).GetAwaiter().GetResult();
        var info = new ProcessStartInfo("ip") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["netns", "exec", ns.Name, .. Cli.Command("apply", "--policy", Cli.Policy("busy-client"), "--lock-timeout", "30")])
        {
            info.ArgumentList.Add(argument);
        }

        using var apply = Process.Start(info)!;
        var stderr = apply.StandardError.ReadToEndAsync();
        try
        {
            Thread.Sleep(1500); // waiting for the lock the holder has
            Assert.False(apply.HasExited, "the apply should be waiting for the lock");
            Shell.Check("kill", "-TERM", apply.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(apply.WaitForExit(TimeSpan.FromSeconds(5)), "SIGTERM did not stop the apply");

            Assert.Equal(3, apply.ExitCode);
            Assert.Contains("stopped", stderr.Result);
            Assert.Equal(values, ns.Values());
            Assert.Empty(Directory.GetFileSystemEntries(ns.SysctlD));
        }
        finally
        {
            if (!apply.HasExited)
            {
                apply.Kill(entireProcessTree: true);
            }

            holder.Wait(TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public void A_temp_file_a_killed_apply_left_is_removed_by_the_next_apply()
    {
        using var ns = new TestNamespace();
        var stale = Path.Combine(ns.SysctlD, ".60-twtools-busy-client.conf.twtools-4242.tmp");
        File.WriteAllText(stale, "# half written");

        var result = ns.Exec(Cli.Command("apply", "--policy", Cli.Policy("busy-client")));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(PersistFile(ns)));
    }

    [Theory]
    [InlineData("sockets")]
    [InlineData("exhaustion")]
    public void A_refused_netlink_socket_is_the_catalogs_read_error(string command)
    {
        using var ns = new TestNamespace();

        var result = Shell.Run("ip", ["netns", "exec", ns.Name, "strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=socket",
            "-e", "inject=socket:error=EACCES", .. Cli.Command(command, "--source", "Netlink")], Deadline);

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("Cannot read the host's sockets over netlink: socket(AF_NETLINK, NETLINK_SOCK_DIAG) failed: Permission denied", result.StdErr);
        Assert.Contains("TwTools.Host.SocketReadFailed", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
