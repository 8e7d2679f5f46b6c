using TwTools.Engine.LocalMachine;
using TwTools.Engine.SysctlD;

namespace TwTools.Engine.Tests.SysctlD;

public class SysctlPrecedenceTests
{
    private static SysctlConfigSet Load(HostTree tree) => new LocalKernelReader(tree.Paths).ReadSysctlFiles();

    [Fact]
    public void Last_file_name_in_sort_order_wins_across_directories()
    {
        using var tree = new HostTree();
        tree.WriteConf("/usr/lib/sysctl.d/50-vendor.conf", "net.ipv4.tcp_tw_reuse = 0\n");
        tree.WriteConf("/etc/sysctl.d/40-admin.conf", "net.ipv4.tcp_tw_reuse = 1\n");
        tree.WriteConf("/run/sysctl.d/70-runtime.conf", "# comment\n\nnet.ipv4.tcp_tw_reuse=2\n");
        var effective = Load(tree).Effective("net.ipv4.tcp_tw_reuse")!;
        Assert.Equal("2", effective.Value);
        Assert.Equal("/run/sysctl.d/70-runtime.conf", effective.File);
        Assert.Equal(3, effective.Line);
    }

    [Fact]
    public void Same_file_name_in_etc_masks_the_vendor_file()
    {
        using var tree = new HostTree();
        tree.WriteConf("/usr/lib/sysctl.d/50-tune.conf", "net.ipv4.tcp_fin_timeout = 10\n");
        tree.WriteConf("/etc/sysctl.d/50-tune.conf", "# emptied by the admin\n");
        Assert.Null(Load(tree).Effective("net.ipv4.tcp_fin_timeout"));
    }

    [Fact]
    public void Sysctl_conf_is_applied_after_every_sysctl_d_file()
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.d/99-zzz.conf", "net.ipv4.tcp_tw_reuse = 1\n");
        tree.WriteConf("/etc/sysctl.conf", "net.ipv4.tcp_tw_reuse = 0\n");
        Assert.Equal("/etc/sysctl.conf", Load(tree).Effective("net.ipv4.tcp_tw_reuse")!.File);
    }

    [Fact]
    public void Sysctl_conf_linked_from_sysctl_d_is_read_once_in_its_place()
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.conf", "net.ipv4.tcp_tw_reuse = 0\n");
        File.CreateSymbolicLink(tree.Paths.Physical("/etc/sysctl.d/10-sysctl.conf"), "../sysctl.conf");
        tree.WriteConf("/etc/sysctl.d/60-later.conf", "net.ipv4.tcp_tw_reuse = 1\n");
        var set = Load(tree);
        Assert.Equal("1", set.Effective("net.ipv4.tcp_tw_reuse")!.Value);
        Assert.DoesNotContain(set.AppliedFiles, f => f.Path == "/etc/sysctl.conf");
    }

    [Fact]
    public void Slash_keys_and_ignore_failure_prefix_are_understood()
    {
        var assignments = SysctlConfParser.Parse("-net/ipv4/tcp_tw_reuse = 1\n; note\nnet.ipv4.tcp_fin_timeout=5\n", "/etc/sysctl.d/x.conf");
        Assert.Equal("net.ipv4.tcp_tw_reuse", assignments[0].Key);
        Assert.True(assignments[0].IgnoreFailure);
        Assert.Equal(3, assignments[1].Line);
    }

    [Fact]
    public void Only_conf_files_count()
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.d/README", "net.ipv4.tcp_tw_reuse = 0\n");
        Assert.Null(Load(tree).Effective("net.ipv4.tcp_tw_reuse"));
    }
}
