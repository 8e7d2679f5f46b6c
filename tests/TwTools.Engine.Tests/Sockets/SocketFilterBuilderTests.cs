using TwTools.Engine.Diagnostics;
using TwTools.Engine.Sockets;
using Xunit;

namespace TwTools.Engine.Tests.Sockets;

public class SocketFilterBuilderTests
{
    [Theory]
    [InlineData("IPv4", InetFamily.IPv4)]
    [InlineData("ipv6", InetFamily.IPv6)]
    [InlineData(null, null)]
    public void The_family_as_text_is_the_enum_a_cmdlet_cannot_expose(string? text, InetFamily? expected) =>
        Assert.Equal(expected, SocketFilterBuilder.Build(null, null, null, null, text).Family);

    [Theory]
    [InlineData("IPX")]
    [InlineData("2")]
    [InlineData("")]
    public void Anything_else_is_one_clear_error_naming_the_family(string text)
    {
        var error = Assert.Throws<TwOperationException>(() => SocketFilterBuilder.Build(null, null, null, null, text));
        Assert.Equal(TwErrorIds.Input.InvalidSocketFilter, error.Diagnostics.Single().Id);
        Assert.Equal("family", error.Diagnostics.Single().Field);
    }
}
