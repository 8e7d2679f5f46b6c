using TwTools.Engine.LocalMachine;
using TwTools.Engine.SysctlD;

namespace TwTools.Engine.Tests.SysctlD;

/// <summary>sysctl.d read as systemd-sysctl 252 and procps 4 read it (each case was checked against both in a namespace).</summary>
public class SysctlReadingTests
{
    private static SysctlConfigSet Load(HostTree tree) => new LocalKernelReader(tree.Paths).ReadSysctlFiles();

    [Fact]
    public void A_byte_order_mark_stays_part_of_the_first_key_which_then_names_nothing()
    {
        using var tree = new HostTree();
        File.WriteAllBytes(tree.Paths.Physical("/etc/sysctl.d/60-bom.conf"),
            [0xEF, 0xBB, 0xBF, .. "net.ipv4.tcp_fin_timeout = 33\nnet.ipv4.tcp_max_tw_buckets = 5000\n"u8]);

        var set = Load(tree);

        Assert.Null(set.Effective("net.ipv4.tcp_fin_timeout"));
        Assert.Equal("5000", set.Effective("net.ipv4.tcp_max_tw_buckets")!.Value);
    }

    [Fact]
    public void A_file_that_is_not_utf8_still_sets_its_ascii_lines()
    {
        using var tree = new HostTree();
        File.WriteAllBytes(tree.Paths.Physical("/etc/sysctl.d/60-latin1.conf"), [.. "net.ipv4.tcp_tw_reuse = 0 # caf"u8, 0xE9, .. "\nnet.ipv4.tcp_fin_timeout = 44\n"u8]);

        var set = Load(tree);

        Assert.Equal("0", set.Effective("net.ipv4.tcp_tw_reuse")!.Value);
        Assert.Equal("44", set.Effective("net.ipv4.tcp_fin_timeout")!.Value);
    }

    [Fact]
    public void Hidden_files_are_not_configuration()
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.d/.60-hidden.conf", "net.ipv4.tcp_fin_timeout = 50\n");

        Assert.Null(Load(tree).Effective("net.ipv4.tcp_fin_timeout"));
    }

    [Fact]
    public void File_names_sort_by_their_bytes_not_utf16_units()
    {
        using var tree = new HostTree();
        // U+E000 sorts before U+10000 by UTF-8 bytes (EE < F0), after it by UTF-16 units (E000 > D800).
        tree.WriteConf("/etc/sysctl.d/\uE000.conf", "net.ipv4.tcp_fin_timeout = 51\n");
        tree.WriteConf("/etc/sysctl.d/\U00010000.conf", "net.ipv4.tcp_fin_timeout = 52\n");

        Assert.Equal("52", Load(tree).Effective("net.ipv4.tcp_fin_timeout")!.Value);
    }

    [Fact]
    public void A_glob_line_sets_the_keys_no_explicit_line_sets_and_a_dash_line_keeps_it_off()
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.d/10-explicit.conf", "net.ipv4.tcp_tw_reuse = 1\n");
        tree.WriteConf("/etc/sysctl.d/90-glob.conf", "net.ipv4.tcp_tw_reus* = 0\nnet.ipv4.tcp_fin_* = 20\n-net.ipv4.tcp_fin_timeout\n");

        var set = Load(tree);

        Assert.Equal("1", set.Effective("net.ipv4.tcp_tw_reuse")!.Value);
        Assert.Equal("0", set.Effective("net.ipv4.tcp_tw_reuse_delay")!.Value);
        Assert.Equal("/etc/sysctl.d/90-glob.conf", set.Effective("net.ipv4.tcp_tw_reuse_delay")!.File);
        Assert.Null(set.Effective("net.ipv4.tcp_fin_timeout"));
        Assert.Null(set.Effective("net.ipv4.ip_local_port_range"));
    }

    [Theory]
    [InlineData("net.ipv4.tcp_fin_timeout", "45 # note", "45")]
    [InlineData("net.ipv4.tcp_fin_timeout", "45abc", "45abc")]
    [InlineData("net.ipv4.ip_local_port_range", "32768\t60999 # the default", "32768\t60999")]
    [InlineData("net.ipv4.ip_local_reserved_ports", "8080 # web", "8080 # web")]
    public void A_value_with_trailing_text_is_what_the_kernel_takes_from_it(string key, string written, string taken)
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.d/60-note.conf", $"{key} = {written}\n");

        Assert.Equal(taken, Load(tree).Effective(key)!.Value);
    }
}
