using TwTools.Engine.Diagnostics;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Tests.Planning;

public class PlannerTests
{
    private static ApplyPlan Plan(HostTree tree, string settings, string persist = "", ApplyOptions? options = null) =>
        PolicyPlanner.Plan(Policies.Load(settings, persist), tree.Host().ReadKernel(default), options ?? new ApplyOptions());

    [Fact]
    public void Timestamps_are_enforced_when_reuse_is_on_and_the_host_has_them_off()
    {
        using var tree = new HostTree();
        tree.Set("net.ipv4.tcp_timestamps", "0");
        var plan = Plan(tree, "    net.ipv4.tcp_tw_reuse: 1\n");
        var timestamps = Assert.Single(plan.Settings, s => s.Key == "net.ipv4.tcp_timestamps");
        Assert.True(timestamps.Enforced);
        Assert.Equal("0", timestamps.Before);
        Assert.Equal("1", timestamps.After);
        Assert.Contains(plan.Diagnostics, d => d.Id == TwErrorIds.Apply.TimestampsEnforced);
        Assert.Contains("net.ipv4.tcp_timestamps = 1", plan.Persist!.NewContent);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void Turning_timestamps_off_while_the_hosts_reuse_stays_on_is_refused(string hostReuse)
    {
        using var tree = new HostTree();
        tree.Set("net.ipv4.tcp_tw_reuse", hostReuse);
        var before = tree.Fingerprint();

        var e = Assert.Throws<TwOperationException>(() => Plan(tree, "    net.ipv4.tcp_timestamps: 0\n"));

        Assert.Equal(TwErrorIds.Policy.ReuseNeedsTimestamps, e.Primary.Id);
        Assert.Contains($"would leave tcp_tw_reuse {hostReuse} on test-host doing nothing", e.Primary.Message);
        Assert.Equal(before, tree.Fingerprint());
    }

    [Fact]
    public void Timestamps_off_with_reuse_off_in_the_same_policy_or_on_the_host_is_allowed()
    {
        using var tree = new HostTree();
        Assert.NotNull(Plan(tree, "    net.ipv4.tcp_timestamps: 0\n    net.ipv4.tcp_tw_reuse: 0\n"));
        tree.Set("net.ipv4.tcp_tw_reuse", "0");
        Assert.NotNull(Plan(tree, "    net.ipv4.tcp_timestamps: 0\n"));
    }

    [Fact]
    public void Timestamps_are_left_alone_when_already_on()
    {
        using var tree = new HostTree();
        var plan = Plan(tree, "    net.ipv4.tcp_tw_reuse: 1\n");
        Assert.DoesNotContain(plan.Settings, s => s.Key == "net.ipv4.tcp_timestamps");
        Assert.DoesNotContain(plan.Diagnostics, d => d.Id == TwErrorIds.Apply.TimestampsEnforced);
    }

    [Fact]
    public void Timestamps_persisted_off_by_a_hardening_file_are_enforced_too()
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.d/30-hardening.conf", "net.ipv4.tcp_timestamps = 0\n");
        var plan = Plan(tree, "    net.ipv4.tcp_tw_reuse: 1\n");
        var timestamps = Assert.Single(plan.Settings, s => s.Key == "net.ipv4.tcp_timestamps");
        Assert.False(timestamps.RuntimeChange);
        Assert.Equal("1", timestamps.PersistedAfter);
    }

    [Fact]
    public void A_later_file_that_overrides_a_persisted_key_is_a_warning_or_with_the_switch_an_error()
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.d/99-local.conf", "net.ipv4.tcp_tw_reuse = 0\n");
        var plan = Plan(tree, "    net.ipv4.tcp_tw_reuse: 1\n");
        var warning = Assert.Single(plan.Diagnostics, d => d.Id == TwErrorIds.Apply.PersistOverridden);
        Assert.Equal(TwSeverity.Warning, warning.Severity);
        Assert.Contains("/etc/sysctl.d/99-local.conf:1", warning.Message);

        var error = Assert.Throws<TwOperationException>(() => Plan(tree, "    net.ipv4.tcp_tw_reuse: 1\n", options: new ApplyOptions { FailOnOverride = true }));
        Assert.Equal(TwErrorIds.Apply.PersistOverridden, error.Primary.Id);
    }

    [Fact]
    public void Keys_this_kernel_lacks_are_an_error_except_recycle_zero()
    {
        using var tree = new HostTree(withReuseDelay: false);
        var error = Assert.Throws<TwOperationException>(() => Plan(tree, "    net.ipv4.tcp_tw_reuse_delay: 500\n"));
        Assert.Equal(TwErrorIds.Policy.KeyUnavailable, error.Primary.Id);
        Assert.Equal(7, error.Primary.Line);

        var plan = Plan(tree, "    net.ipv4.tcp_tw_recycle: 0\n");
        var recycle = Assert.Single(plan.Settings);
        Assert.False(recycle.RuntimeChange);
        Assert.False(recycle.Persist);
        Assert.DoesNotContain("tcp_tw_recycle", plan.Persist!.NewContent);
    }

    [Fact]
    public void Range_below_the_unprivileged_port_start_is_refused()
    {
        using var tree = new HostTree();
        File.WriteAllText(tree.Paths.ProcSys("net/ipv4/ip_unprivileged_port_start"), "2000\n");
        var error = Assert.Throws<TwOperationException>(() => Plan(tree, "    net.ipv4.ip_local_port_range: \"1500 60001\"\n"));
        Assert.Equal(TwErrorIds.Policy.PortRangeBelowUnprivileged, error.Primary.Id);
    }

    [Fact]
    public void Reserved_ports_that_cover_the_host_range_are_refused_for_that_host()
    {
        using var tree = new HostTree();
        tree.Set(KernelSettingCatalog.IpLocalPortRange, "40000\t40001");

        var error = Assert.Throws<TwOperationException>(() => Plan(tree, "    net.ipv4.ip_local_reserved_ports: \"39000-41000\"\n"));

        Assert.Equal(TwErrorIds.Policy.NoUsablePorts, error.Primary.Id);
        Assert.True(error.IsInputError);
    }

    [Fact]
    public void A_range_the_host_already_reserves_whole_is_refused()
    {
        using var tree = new HostTree();
        tree.Set(KernelSettingCatalog.IpLocalReservedPorts, "1-65535");

        var error = Assert.Throws<TwOperationException>(() => Plan(tree, "    net.ipv4.ip_local_port_range: \"40000 40001\"\n"));

        Assert.Equal("spec.settings.net.ipv4.ip_local_port_range", error.Primary.Field);
    }

    [Fact]
    public void Lowering_time_wait_buckets_warns()
    {
        using var tree = new HostTree();
        var plan = Plan(tree, "    net.ipv4.tcp_max_tw_buckets: 5000\n");
        Assert.Contains(plan.Diagnostics, d => d.Id == TwErrorIds.Policy.TimeWaitBucketsLowered);
        Assert.DoesNotContain(Plan(tree, "    net.ipv4.tcp_max_tw_buckets: 500000\n").Diagnostics, d => d.Id == TwErrorIds.Policy.TimeWaitBucketsLowered);
    }

    [Fact]
    public void Kernel_tab_formatting_is_not_a_change()
    {
        using var tree = new HostTree();
        var plan = Plan(tree, "    net.ipv4.ip_local_port_range: \"32768 60999\"\n", "  persist:\n    enabled: false\n");
        Assert.False(plan.HasChanges);
        Assert.Null(plan.Persist);
    }

    [Fact]
    public void Persisted_content_does_not_depend_on_where_the_policy_file_was()
    {
        var a = Policies.Parse(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n")).GetPolicyOrThrow();
        var b = TwTools.Engine.Policy.PolicyLoader.Parse(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n"), "/elsewhere/other.yaml").GetPolicyOrThrow();
        using var tree = new HostTree();
        var snapshot = tree.Host().ReadKernel(default);
        Assert.Equal(
            PolicyPlanner.Plan(a, snapshot, new ApplyOptions()).Persist!.NewContent,
            PolicyPlanner.Plan(b, snapshot, new ApplyOptions()).Persist!.NewContent);
    }
}
