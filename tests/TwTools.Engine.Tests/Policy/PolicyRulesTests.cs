using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Tests.Policy;

public class PolicyRulesTests
{
    [Fact]
    public void Recycle_enabled_is_refused_with_the_reason()
    {
        var result = Policies.Parse(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n    net.ipv4.tcp_tw_recycle: 1\n"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(TwErrorIds.Policy.RecycleRefused, error.Id);
        Assert.Equal(8, error.Line);
        Assert.Contains("NAT", error.Message);
        Assert.Contains("4.12", error.Message);
    }

    [Fact]
    public void Recycle_zero_is_accepted()
    {
        Assert.True(Policies.Parse(Policies.Yaml("    net.ipv4.tcp_tw_recycle: 0\n")).Succeeded);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Reuse_with_timestamps_off_is_refused(int reuse)
    {
        var result = Policies.Parse(Policies.Yaml($"    net.ipv4.tcp_tw_reuse: {reuse}\n    net.ipv4.tcp_timestamps: 0\n"));
        var error = Assert.Single(result.Errors);
        Assert.Equal(TwErrorIds.Policy.ReuseNeedsTimestamps, error.Id);
        Assert.Equal("spec.settings.net.ipv4.tcp_timestamps", error.Field);
    }

    [Fact]
    public void Timestamps_off_without_reuse_is_flagged_with_the_hardening_conflict()
    {
        var result = Policies.Parse(Policies.Yaml("    net.ipv4.tcp_timestamps: 0\n"));
        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(TwErrorIds.Policy.TimestampsDisabled, warning.Id);
        Assert.Contains("sysctl-07", warning.Message);
    }

    [Theory]
    [InlineData("\"40000 40000\"")]
    [InlineData("\"50000 40000\"")]
    [InlineData("\"0 1000\"")]
    public void Unusable_port_ranges_are_refused(string range)
    {
        var result = Policies.Parse(Policies.Yaml($"    net.ipv4.ip_local_port_range: {range}\n"));
        Assert.Equal(TwErrorIds.Policy.PortRangeInvalid, Assert.Single(result.Errors).Id);
    }

    [Fact]
    public void Same_parity_range_is_a_warning()
    {
        var result = Policies.Parse(Policies.Yaml("    net.ipv4.ip_local_port_range: \"10000 60000\"\n"));
        Assert.True(result.Succeeded);
        Assert.Equal(TwErrorIds.Policy.PortRangeSameParity, Assert.Single(result.Warnings).Id);
    }

    [Fact]
    public void Reserved_ports_outside_the_range_are_a_warning()
    {
        var result = Policies.Parse(Policies.Yaml("    net.ipv4.ip_local_port_range: \"10000 60001\"\n    net.ipv4.ip_local_reserved_ports: \"8080,10000-10010\"\n"));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(TwErrorIds.Policy.ReservedPortsOutsideRange, warning.Id);
        Assert.Contains("8080", warning.Message);
        Assert.DoesNotContain("10010", warning.Message);
    }

    [Theory]
    [InlineData("40000 40001", "40000-40001")]
    [InlineData("32768 60999", "1-65535")]
    public void Reserving_the_whole_range_is_refused(string range, string reserved)
    {
        var result = Policies.Parse(Policies.Yaml($"    net.ipv4.ip_local_port_range: \"{range}\"\n    net.ipv4.ip_local_reserved_ports: \"{reserved}\"\n"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(TwErrorIds.Policy.NoUsablePorts, error.Id);
        Assert.Equal("spec.settings.net.ipv4.ip_local_reserved_ports", error.Field);
        Assert.Contains("EADDRNOTAVAIL", error.Message);
    }
}
