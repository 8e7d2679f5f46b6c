using TwTools.Engine.Remote;
using Xunit;

namespace TwTools.Engine.Tests.Remote;

/// <summary>What a generated program gets back from a quoted value, run by this machine's sh.</summary>
public class ShellTextTests
{
    [Theory]
    [InlineData("32768\t60999")]
    [InlineData("/proc/sys/net/ipv4/tcp_tw_reuse:2\n/proc/sys/net/ipv4/tcp_fin_timeout:60")]
    [InlineData("it's $(touch /tmp/twtools-pwned) `id` \\ \"q\"")]
    [InlineData("ünïcode;|&")]
    public void A_quoted_value_reaches_sh_byte_for_byte(string value)
    {
        var program = "d() { printf '%s' \"$1\" | base64 -d; }\nprintf '%s' " + ShellText.Quoted(value) + "\n";

        Assert.Equal(value, new ShellTransport().Run(program, false, default).StandardOutput);
        Assert.False(File.Exists("/tmp/twtools-pwned"));
    }

    [Theory]
    [InlineData("# Written by TwTools from policy 'busy-client'.\nnet.ipv4.tcp_tw_reuse = 1\n")]
    [InlineData("it's '' $(touch /tmp/twtools-pwned) `id` \\ \"q\"\n\tlast line without newline")]
    [InlineData("'")]
    [InlineData("")]
    public void A_literal_reaches_sh_byte_for_byte(string value)
    {
        var program = "printf '%s' " + ShellText.Literal(value) + "\n";

        Assert.Equal(value, new ShellTransport().Run(program, false, default).StandardOutput);
        Assert.False(File.Exists("/tmp/twtools-pwned"));
    }

    [Theory]
    [InlineData("ünïcode")]
    [InlineData("bell\u0007")]
    [InlineData("cr\r\n")]
    [InlineData("nul\0")]
    public void Text_a_literal_cannot_carry_safely_is_left_to_base64(string value) => Assert.Null(ShellText.Literal(value));
}
