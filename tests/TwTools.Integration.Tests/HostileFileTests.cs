using System.Diagnostics;

namespace TwTools.Integration.Tests;

/// <summary>
/// Files a sysadmin meets in real life that used to hang or flood TwTools: a FIFO in /etc/sysctl.d (locally
/// and on a remote host), and a FIFO or /dev/zero given as a policy, a hosts file or a capture. Each ends
/// at once with exit 2 or 3 naming the file; an apply that met one leaves no lock behind.
/// </summary>
public class HostileFileTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static void MakeFifo(string path) => Shell.Check("mkfifo", path);

    [Fact]
    public void A_fifo_in_sysctl_d_fails_kernel_and_apply_at_once_and_leaves_no_lock()
    {
        using var ns = new TestNamespace();
        MakeFifo(Path.Combine(ns.SysctlD, "50-pipe.conf"));

        var kernel = Shell.Run("ip", ["netns", "exec", ns.Name, .. Cli.Command("kernel")], Deadline);
        var apply = Shell.Run("ip", ["netns", "exec", ns.Name, .. Cli.Command("apply", "--policy", Cli.Policy("busy-client"))], Deadline);

        foreach (var result in new[] { kernel, apply })
        {
            Assert.True(result.ExitCode == 3, result.ToString());
            Assert.Contains("Cannot read /etc/sysctl.d/50-pipe.conf: it is a FIFO, not a regular file", result.StdErr);
        }

        // The lock went with the failed apply: once the FIFO is gone an apply goes through at once.
        File.Delete(Path.Combine(ns.SysctlD, "50-pipe.conf"));
        var again = Shell.Run("ip", ["netns", "exec", ns.Name, .. Cli.Command("apply", "--policy", Cli.Policy("busy-client"), "--lock-timeout", "1")], Deadline);
        Assert.True(again.ExitCode == 0, again.ToString());
    }

    [Fact]
    public void A_fifo_in_a_remote_hosts_sysctl_d_fails_that_host_only()
    {
        using var fleet = new SshTestFleet(2);
        MakeFifo(Path.Combine(fleet.Hosts[1].Namespace.SysctlD, "50-pipe.conf"));
        var clock = Stopwatch.StartNew();

        var result = fleet.Twtools(["kernel", .. fleet.HostArguments()]);

        Assert.True(clock.Elapsed < Deadline, clock.Elapsed.ToString());
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains($"root@{fleet.Hosts[0].Address}: kernel", result.StdOut);
        Assert.Contains($"root@{fleet.Hosts[1].Address}: Cannot read /etc/sysctl.d/50-pipe.conf: it is not a regular file", result.StdErr);
    }

    [Theory]
    [InlineData("--policy", "fifo", "it is a FIFO, not a regular file", "TwTools.Policy.FileRefused")]
    [InlineData("--policy", "zero", "it is a character device, not a regular file", "TwTools.Policy.FileRefused")]
    [InlineData("--hosts-file", "fifo", "it is a FIFO, not a regular file", "TwTools.Input.InvalidArgument")]
    [InlineData("--hosts-file", "zero", "it is a character device, not a regular file", "TwTools.Input.InvalidArgument")]
    [InlineData("--from-file", "fifo", "it is a FIFO, not a regular file", "TwTools.Input.InvalidCapture")]
    [InlineData("--from-file", "zero", "it is a character device, not a regular file", "TwTools.Input.InvalidCapture")]
    public void A_fifo_or_dev_zero_given_as_an_input_file_is_a_usage_error(string option, string kind, string reason, string id)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-input-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        try
        {
            var path = Path.Combine(directory, "input");
            if (kind == "fifo")
            {
                MakeFifo(path);
            }
            else
            {
                File.CreateSymbolicLink(path, "/dev/zero");
            }

            string[] arguments = option switch
            {
                "--policy" => ["test", "--policy", path],
                "--hosts-file" => ["kernel", "--hosts-file", path],
                _ => ["sockets", "--from-file", path],
            };
            var result = Shell.Run(Cli.Command(arguments)[0], Cli.Command(arguments)[1..], Deadline);

            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains(reason, result.StdErr);
            Assert.Contains(id, result.StdErr);
            Assert.Equal(string.Empty, result.StdOut);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_persist_file_that_is_debians_link_to_sysctl_conf_is_not_replaced_unless_forced()
    {
        using var ns = new TestNamespace();
        File.WriteAllText(ns.SysctlConf, "vm.swappiness = 10\n");
        var link = Path.Combine(ns.SysctlD, "99-sysctl.conf");
        File.CreateSymbolicLink(link, "../sysctl.conf");
        var policy = Cli.WritePolicy("apiVersion: twtools.io/v1\nkind: TwPolicy\nmetadata:\n  name: edge\nspec:\n  settings:\n    net.ipv4.tcp_tw_reuse: 1\n  persist:\n    file: /etc/sysctl.d/99-sysctl.conf\n");
        var reuse = ns.Get("net.ipv4.tcp_tw_reuse");

        var refused = ns.Exec(Cli.Command("apply", "--policy", policy));

        Assert.True(refused.ExitCode == 3, refused.ToString());
        Assert.Contains("TwTools.Apply.PersistFileNotOurs", refused.StdErr);
        Assert.Equal("../sysctl.conf", new FileInfo(link).LinkTarget);
        Assert.Equal(reuse, ns.Get("net.ipv4.tcp_tw_reuse"));

        var forced = ns.Exec(Cli.Command("apply", "--policy", policy, "--force"));

        Assert.True(forced.ExitCode == 0, forced.ToString());
        Assert.Null(new FileInfo(link).LinkTarget);
        Assert.Equal("vm.swappiness = 10\n", File.ReadAllText(ns.SysctlConf));
    }
}
