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

        // Files that are not namespaces: an ordinary one, and a name made after the host's sshd started, whose mount that
        // sshd's mount namespace never received (only the empty mount point).
        using var late = new TestNamespace();
        foreach (var file in new[] { "/etc/hostname", late.Name })
        {
            var notNamespace = fleet.Twtools(["kernel", "--netns", file, .. fleet.HostArguments()]);
            Assert.True(notNamespace.ExitCode == 2, notNamespace.ToString());
            Assert.Contains("is not a network namespace there", notNamespace.StdErr);
        }

        var listed = fleet.Twtools(["kernel", "--all-netns", "--json", .. fleet.HostArguments()]);
        Assert.True(listed.ExitCode is 0 or 1, listed.ToString());
        Assert.DoesNotContain($"netns:{late.Name}", listed.StdOut);

        // The read program checks for nsenter on the host's PATH: a stand-in for a host without util-linux's nsenter.
        var program = TwTools.Engine.Remote.NamespaceProgram.Wrap("echo inner", TwTools.Engine.Remote.RemoteNamespace.OfName("x"), "H", "E");
        var result = Shell.Run("sh", ["-c", "PATH=/nowhere; " + program.Replace("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "PATH=/nowhere", StringComparison.Ordinal)]);
        Assert.Equal("H\nT nsenter\nE\n", result.StdOut);

        // An nsenter that may not enter (no root there): its own words come back, and the error quotes them.
        var bin = Directory.CreateTempSubdirectory("twt-nsenter-");
        try
        {
            File.WriteAllText(Path.Combine(bin.FullName, "nsenter"), "#!/bin/sh\necho 'nsenter: reassociate to namespace: Operation not permitted' >&2\nexit 1\n");
            File.SetUnixFileMode(Path.Combine(bin.FullName, "nsenter"), (UnixFileMode)0b111_101_101);
            var wrapped = TwTools.Engine.Remote.NamespaceProgram.Wrap("echo inner", TwTools.Engine.Remote.RemoteNamespace.OfName("/proc/self/ns/net"), TwTools.Engine.Remote.ReadProgram.Header, TwTools.Engine.Remote.ReadProgram.Trailer);
            var denied = Shell.Run("sh", ["-c", wrapped.Replace("PATH=/usr/local/sbin:", $"PATH={bin.FullName}:/usr/local/sbin:", StringComparison.Ordinal)]);
            var error = Assert.Throws<TwTools.Engine.Diagnostics.TwOperationException>(() => TwTools.Engine.Remote.ReadAnswer.Parse("web1", denied.StdOut));
            Assert.Equal("TwTools.Namespace.NotPermitted", error.Primary.Id);
            Assert.Contains("nsenter said: nsenter: reassociate to namespace: Operation not permitted", error.Message);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    [Fact]
    public void All_netns_on_a_remote_host_lists_its_namespaces_there_and_reads_each_inside_it()
    {
        using var workload = new TestNamespace();
        workload.Set("net.ipv4.ip_local_port_range", "40000 40009");
        using var fleet = new SshTestFleet(1);

        var result = fleet.Twtools(["exhaustion", "--all-netns", "--json", .. fleet.HostArguments()]);

        // Other tests' namespaces on this machine come and go while the host lists them: only this test's is asserted.
        Assert.True(result.ExitCode is 0 or 1 or 3, result.ToString());
        var reports = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().ToList();
        var mine = Assert.Single(reports, r => r.GetProperty("networkNamespace").GetProperty("label").GetString() == $"netns:{workload.Name}");
        Assert.Equal(($"root@{fleet.Hosts[0].Address}", "40000 40009", 10), (mine.GetProperty("host").GetString(), mine.GetProperty("portRange").GetString(), mine.GetProperty("capacity").GetInt32()));
        Assert.Equal((ulong)TwTools.Engine.Namespaces.NamespaceInode.Of("/run/netns/" + workload.Name), mine.GetProperty("networkNamespace").GetProperty("inode").GetUInt64());
        Assert.Equal(reports.Count, reports.Select(r => r.GetProperty("networkNamespace").GetProperty("inode").GetUInt64()).Distinct().Count());
    }

    [Fact]
    public void A_container_on_a_remote_host_is_found_through_that_hosts_runtime_and_read_inside_its_namespace()
    {
        using var podman = new PodmanTestRuntime();
        var name = podman.Run(PodmanTestRuntime.NewName("r"), ["--sysctl", "net.ipv4.tcp_fin_timeout=37"], "sleep", "300");
        using var fleet = new SshTestFleet(1);

        var result = fleet.Twtools(["kernel", "--json", "--container", name, .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var fin = Key(JsonDocument.Parse(result.StdOut).RootElement, "net.ipv4.tcp_fin_timeout");
        Assert.Equal(("37", "37"), (fin.GetProperty("runtime").GetString(), fin.GetProperty("persisted").GetString()));
        Assert.Contains("podman --sysctl", fin.GetProperty("persistedSource").GetString());
        var ns = fin.GetProperty("networkNamespace");
        Assert.Equal(($"podman:{name}", "Container", $"root@{fleet.Hosts[0].Address}"), (ns.GetProperty("label").GetString(), ns.GetProperty("kind").GetString(), fin.GetProperty("host").GetString()));

        var missing = fleet.Twtools(["kernel", "--container", "twt-no-such-container", .. fleet.HostArguments()]);

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("twt-no-such-container", missing.StdErr);
        Assert.Contains(fleet.Hosts[0].Address, missing.StdErr);
    }
}
