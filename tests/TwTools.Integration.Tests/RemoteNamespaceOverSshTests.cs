using System.Globalization;
using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>
/// A network namespace of a remote host, named with --netns or --pid next to --host: the host's own sh enters it with
/// nsenter, so what is read and changed is that namespace's, and the host's sysctl.d is never written for it.
/// </summary>
public class RemoteNamespaceOverSshTests
{
    private static JsonElement Key(JsonElement states, string key) => states.EnumerateArray().Single(e => e.GetProperty("key").GetString() == key);

    [Fact]
    public void Netns_and_pid_on_a_remote_host_read_and_change_that_namespace_and_not_the_hosts_files()
    {
        // Made before the host: its sshd runs in a mount namespace of its own, which sees the /run/netns mounts of its start.
        using var workload = new TestNamespace();
        using var fleet = new SshTestFleet(1);
        var host = fleet.Hosts[0];
        workload.Set("net.ipv4.tcp_fin_timeout", "43");
        using var sleeper = PeerProcess.StartCommand(workload, "sleep", "60");

        var read = fleet.Twtools(["kernel", "--json", "--netns", workload.Name, "--pid", sleeper.Pid.ToString(CultureInfo.InvariantCulture), .. fleet.HostArguments()]);

        Assert.True(read.ExitCode == 0, read.ToString());
        var states = JsonDocument.Parse(read.StdOut).RootElement.EnumerateArray().Where(s => s.GetProperty("key").GetString() == "net.ipv4.tcp_fin_timeout").ToList();
        Assert.Equal(["43", "43"], states.Select(s => s.GetProperty("runtime").GetString()));
        Assert.Equal([$"netns:{workload.Name}", $"pid:{sleeper.Pid}"], states.Select(s => s.GetProperty("networkNamespace").GetProperty("label").GetString()));
        Assert.All(states, s => Assert.Equal($"root@{host.Address}", s.GetProperty("host").GetString()));
        var inode = TwTools.Engine.Namespaces.NamespaceInode.Of("/run/netns/" + workload.Name);
        Assert.All(states, s => Assert.Equal((ulong)inode, s.GetProperty("networkNamespace").GetProperty("inode").GetUInt64()));

        var apply = fleet.Twtools(["apply", "--policy", Cli.Policy("busy-client"), "--netns", workload.Name, .. fleet.HostArguments()]);

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal("10240\t65535", workload.Get("net.ipv4.ip_local_port_range"));
        Assert.Empty(Directory.GetFiles(host.Namespace.SysctlD));
        Assert.Contains("TwTools.Namespace.RuntimeOnly", apply.StdErr);
    }

    [Fact]
    public void A_host_without_nsenter_or_without_the_namespace_says_so()
    {
        using var fleet = new SshTestFleet(1);

        var missing = fleet.Twtools(["kernel", "--netns", "twt-not-there-" + Guid.NewGuid().ToString("N")[..6], .. fleet.HostArguments()]);

        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("TwTools.Input.NoSuchNamespace", missing.StdErr);

        // A file that is not a namespace (a mount the host's mount namespace never saw): nsenter's own words, not a protocol error.
        var notNamespace = fleet.Twtools(["kernel", "--netns", "/etc/hostname", .. fleet.HostArguments()]);
        Assert.Equal(3, notNamespace.ExitCode);
        Assert.Contains("TwTools.Namespace.NotPermitted", notNamespace.StdErr);
        Assert.Contains("nsenter said", notNamespace.StdErr);

        // The read program checks for nsenter on the host's PATH: a stand-in for a host without util-linux's nsenter.
        var program = TwTools.Engine.Remote.NamespaceProgram.Wrap("echo inner", TwTools.Engine.Remote.RemoteNamespace.OfName("x"), "H", "E");
        var result = Shell.Run("sh", ["-c", "PATH=/nowhere; " + program.Replace("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "PATH=/nowhere", StringComparison.Ordinal)]);
        Assert.Equal("H\nT nsenter\nE\n", result.StdOut);
    }
}
