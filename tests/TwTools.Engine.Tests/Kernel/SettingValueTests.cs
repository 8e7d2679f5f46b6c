using TwTools.Engine.Kernel;

namespace TwTools.Engine.Tests.Kernel;

public class SettingValueTests
{
    private static readonly KernelSettingDefinition Range = KernelSettingCatalog.Get(KernelSettingCatalog.IpLocalPortRange);
    private static readonly KernelSettingDefinition Reserved = KernelSettingCatalog.Get(KernelSettingCatalog.IpLocalReservedPorts);

    [Theory]
    [InlineData("32768\t60999", "32768 60999")]
    [InlineData("  32768   60999\n", "32768 60999")]
    [InlineData("32768 \t 60999", "32768 60999")]
    public void Port_range_whitespace_never_makes_a_difference(string raw, string expected)
    {
        Assert.True(SettingValue.TryNormalize(Range, raw, out var normalized, out _));
        Assert.Equal(expected, normalized);
        Assert.True(SettingValue.AreEqual(Range, raw, "32768 60999"));
    }

    [Theory]
    [InlineData("9000-9100,8080", "8080,9000-9100")]
    [InlineData("8080, 8081,8082", "8080-8082")]
    [InlineData("100-200,150-250", "100-250")]
    [InlineData("", "")]
    public void Port_lists_are_sorted_and_merged_like_the_kernel_prints_them(string raw, string expected)
    {
        Assert.True(SettingValue.TryNormalize(Reserved, raw, out var normalized, out _));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("1 2 3")]
    [InlineData("70000 80000")]
    [InlineData("abc def")]
    public void Bad_port_ranges_do_not_parse(string raw) =>
        Assert.False(SettingValue.TryNormalize(Range, raw, out _, out _));

    [Fact]
    public void Reserved_count_within_range_counts_only_the_overlap()
    {
        Assert.True(PortList.TryParse("100-200,1000", out var list, out _));
        Assert.Equal(51, list.CountWithin(new PortRange(150, 500)));
        Assert.Equal("100-149", list.Outside(new PortRange(150, 2000)).ToString());
    }

    [Fact]
    public void Catalog_knows_the_recycle_key_only_as_disabled_when_absent()
    {
        var recycle = KernelSettingCatalog.Get(KernelSettingCatalog.TcpTwRecycle);
        Assert.Equal("0", recycle.AbsentMeansValue);
        Assert.True(KernelSettingCatalog.OrderOf(KernelSettingCatalog.TcpTimestamps) < KernelSettingCatalog.OrderOf(KernelSettingCatalog.TcpTwReuse));
    }

    [Fact]
    public void Fin_timeout_meaning_says_it_is_not_time_wait()
    {
        Assert.Contains("FIN_WAIT_2", KernelSettingCatalog.Get(KernelSettingCatalog.TcpFinTimeout).Meaning);
        Assert.Contains("does not shorten TIME_WAIT", KernelSettingCatalog.Get(KernelSettingCatalog.TcpFinTimeout).Meaning);
    }
}
