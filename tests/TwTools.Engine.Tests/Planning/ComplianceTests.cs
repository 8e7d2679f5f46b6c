using TwTools.Engine.Compliance;
using TwTools.Engine.Operations;

namespace TwTools.Engine.Tests.Planning;

public class ComplianceTests
{
    private static IReadOnlyList<KernelSettingState> Report(HostTree tree, string settings, string persist = "") =>
        KernelPolicyQuery.Run(tree.Host(), Policies.Load(settings, persist), new RecordingOutput());

    [Fact]
    public void Runtime_difference_is_not_compliant_and_says_why()
    {
        using var tree = new HostTree();
        var state = Report(tree, "    net.ipv4.tcp_tw_reuse: 1\n").Single(s => s.Key == "net.ipv4.tcp_tw_reuse");
        Assert.False(state.Compliant);
        Assert.Contains("runtime value is 2, expected 1", state.Reason);
    }

    [Fact]
    public void Runtime_right_but_boot_value_wrong_is_not_compliant()
    {
        using var tree = new HostTree();
        tree.Set("net.ipv4.tcp_tw_reuse", "1");
        tree.WriteConf("/etc/sysctl.d/10-x.conf", "net.ipv4.tcp_tw_reuse = 0\n");
        var state = Report(tree, "    net.ipv4.tcp_tw_reuse: 1\n").Single(s => s.Key == "net.ipv4.tcp_tw_reuse");
        Assert.False(state.Compliant);
        Assert.Contains("/etc/sysctl.d/10-x.conf:1", state.Reason);
        Assert.Equal("/etc/sysctl.d/10-x.conf:1", state.PersistedSource);

        var unpersisted = Report(tree, "    net.ipv4.tcp_tw_reuse: 1\n", "  persist:\n    enabled: false\n").Single(s => s.Key == "net.ipv4.tcp_tw_reuse");
        Assert.True(unpersisted.Compliant);
    }

    [Fact]
    public void Kernel_defaults_need_no_file_to_comply()
    {
        using var tree = new HostTree();
        var states = Report(tree, "    net.ipv4.tcp_timestamps: 1\n    net.ipv4.tcp_fin_timeout: 60\n");
        Assert.True(KernelPolicyQuery.IsCompliant(states));
    }

    [Fact]
    public void Absent_recycle_complies_with_zero_and_enforced_timestamps_are_judged()
    {
        using var tree = new HostTree();
        tree.Set("net.ipv4.tcp_tw_reuse", "1");
        tree.Set("net.ipv4.tcp_timestamps", "0");
        var states = Report(tree, "    net.ipv4.tcp_tw_reuse: 1\n    net.ipv4.tcp_tw_recycle: 0\n", "  persist:\n    enabled: false\n");
        var recycle = states.Single(s => s.Key == "net.ipv4.tcp_tw_recycle");
        Assert.False(recycle.Exists);
        Assert.True(recycle.Compliant);
        var timestamps = states.Single(s => s.Key == "net.ipv4.tcp_timestamps");
        Assert.True(timestamps.Enforced);
        Assert.False(timestamps.Compliant);
        Assert.Equal("1 or 2", timestamps.Expected);
        Assert.Null(states.Single(s => s.Key == "net.ipv4.tcp_fin_timeout").Compliant);
    }
}
