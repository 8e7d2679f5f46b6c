using System.Text.Json;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;
using TwTools.Engine.Policy;
using TwTools.Engine.Remote;
using TwTools.Engine.Tests;

namespace TwTools.Integration.Tests;

/// <summary>twtools remove on a real namespace, and the remote program's removal, which must match it.</summary>
public class RemoveInNamespaceTests
{
    [Fact]
    public void Switching_policies_leaves_no_old_file_that_wins_at_boot()
    {
        using var ns = new TestNamespace();
        Assert.Equal(0, ns.Exec(Cli.Command("apply", "--policy", Cli.Policy("kernel-defaults"))).ExitCode);
        var switched = ns.Exec(Cli.Command("apply", "--policy", Cli.Policy("busy-client")));
        Assert.Equal(0, switched.ExitCode);
        // Said before anything more is needed: the old policy's file wins at boot, and how to remove it.
        Assert.Contains("remove it with Remove-TwPolicy kernel-defaults / twtools remove --policy kernel-defaults", switched.StdErr);
        Assert.Equal(1, ns.Exec(Cli.Command("test", "--policy", Cli.Policy("busy-client"))).ExitCode);

        var whatIf = ns.Exec(Cli.Command("remove", "--policy", Cli.Policy("kernel-defaults"), "--what-if"));
        Assert.True(File.Exists(Path.Combine(ns.SysctlD, "60-twtools-kernel-defaults.conf")), whatIf.ToString());
        var removed = ns.Exec(Cli.Command("remove", "--policy", Cli.Policy("kernel-defaults"), "--json"));

        Assert.True(removed.ExitCode == 0, removed.ToString());
        var result = JsonDocument.Parse(removed.StdOut).RootElement[0];
        Assert.True(result.GetProperty("removed").GetBoolean());
        Assert.Contains("at boot the host now gets", removed.StdErr);
        Assert.Equal(["60-twtools-busy-client.conf"], Directory.GetFiles(ns.SysctlD).Select(Path.GetFileName));
        Assert.Equal(0, ns.Exec(Cli.Command("test", "--policy", Cli.Policy("busy-client"))).ExitCode);
    }

    [Fact]
    public void The_remote_program_removes_only_its_policys_file_and_leaves_the_runtime_values()
    {
        using var ns = new TestNamespace();
        var policy = PolicyLoader.Load(Cli.Policy("busy-client")).Policy!;
        var host = new RemoteKernelHost(new NamespaceShellTransport(ns), elevate: false);
        PolicyApplyOperation.Run(host, policy, new ApplyOptions(), (_, _) => true, new RecordingOutput());
        File.WriteAllText(Path.Combine(ns.SysctlD, "10-other.conf"), "net.ipv4.tcp_fin_timeout = 30\n");

        var result = PolicyRemoveOperation.Run(host, policy, new ApplyOptions(), (_, _) => true, new RecordingOutput());

        Assert.True(result.Removed);
        Assert.Equal(["10-other.conf"], Directory.GetFiles(ns.SysctlD).Select(Path.GetFileName));
        Assert.Equal("1", ns.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public void A_foreign_file_is_refused_and_left_alone()
    {
        using var ns = new TestNamespace();
        var file = Path.Combine(ns.SysctlD, "60-twtools-busy-client.conf");
        File.WriteAllText(file, "net.ipv4.tcp_tw_reuse = 1\n");

        var result = ns.Exec(Cli.Command("remove", "--policy", Cli.Policy("busy-client")));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Apply.PersistFileNotOurs", result.StdErr);
        Assert.True(File.Exists(file));
    }
}
