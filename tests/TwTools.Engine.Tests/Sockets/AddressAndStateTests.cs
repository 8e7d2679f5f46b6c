using System.Buffers.Binary;
using TwTools.Engine.Sockets;
using Xunit;

namespace TwTools.Engine.Tests.Sockets;

public class AddressAndStateTests
{
    [Theory]
    [InlineData("TimeWait")]
    [InlineData("time-wait")]
    [InlineData("TIME_WAIT")]
    [InlineData("timewait")]
    public void TimeWait_is_understood_however_it_is_spelled(string name)
    {
        Assert.True(TcpStateNames.TryParse(name, out var states));
        Assert.Equal(TcpStateSet.Of(TcpState.TimeWait), states);
    }

    [Fact]
    public void Ss_groups_and_lists_combine()
    {
        Assert.True(TcpStateNames.TryParse(["listening", "syn-recv"], out var states, out _));
        Assert.Equal(TcpStateSet.Of(TcpState.Listen, TcpState.SynReceived), states);
        Assert.True(TcpStateNames.TryParse("connected", out var connected));
        Assert.False(connected.Contains(TcpState.Listen));
        Assert.True(connected.Contains(TcpState.TimeWait));
        Assert.True(TcpStateNames.TryParse("synchronized", out var synchronized));
        Assert.False(synchronized.Contains(TcpState.SynSent));
        Assert.True(TcpStateNames.TryParse("bucket", out var bucket));
        Assert.Equal(TcpStateSet.Of(TcpState.SynReceived, TcpState.TimeWait), bucket);
        Assert.False(TcpStateNames.TryParse(["established", "half-open"], out _, out var unknown));
        Assert.Equal("half-open", unknown);
    }

    [Fact]
    public void All_is_the_kernel_mask_of_every_state()
    {
        Assert.Equal(0x1FFEu, TcpStateSet.All.Mask);
        Assert.Equal("ESTABLISHED,TIME_WAIT", TcpStateSet.Of(TcpState.TimeWait, TcpState.Established).ToString());
    }

    [Theory]
    [InlineData("10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("11.1.2.3", "10.0.0.0/8", false)]
    [InlineData("::ffff:10.1.2.3", "10.0.0.0/8", true)]
    [InlineData("2001:db8::5", "2001:db8::/32", true)]
    [InlineData("2001:db9::5", "2001:db8::/32", false)]
    [InlineData("192.0.2.7", "192.0.2.7", true)]
    [InlineData("192.0.2.8", "192.0.2.7", false)]
    [InlineData("192.0.2.8", "0.0.0.0/0", true)]
    [InlineData("2001:db8::1", "10.0.0.0/8", false)]
    [InlineData("10.77.3.4", "10.77/16", true)]
    [InlineData("10.0.0.77", "10.77/16", false)]
    [InlineData("127.0.0.1", "127/8", true)]
    [InlineData("127.0.0.1", "127.1/16", false)]
    [InlineData("10.77.0.0", "10.77", true)]
    public void Networks_contain_their_addresses(string address, string network, bool expected)
    {
        Assert.True(InetAddress.TryParse(address, out var parsed));
        Assert.True(AddressPrefix.TryParse(network, out _, out var prefix));
        Assert.Equal(expected, prefix.Contains(parsed));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("nonsense")]
    [InlineData("10.0.0.0/x")]
    [InlineData("0x0a.1/16")]
    [InlineData("10.256/16")]
    [InlineData("10..1/16")]
    public void Bad_networks_say_why(string text)
    {
        Assert.False(AddressPrefix.TryParse(text, out var problem, out _));
        Assert.Contains(text, problem);
    }

    [Fact]
    public void Mapped_and_loopback_addresses_are_recognised()
    {
        InetAddress.TryParse("::ffff:127.0.0.1", out var mapped);
        Assert.True(mapped.IsIPv4Mapped);
        Assert.True(mapped.IsLoopback);
        Assert.Equal("127.0.0.1", mapped.Unmapped.ToString());
        InetAddress.TryParse("::1", out var v6Loopback);
        Assert.True(v6Loopback.IsLoopback);
        InetAddress.TryParse("192.0.2.1", out var other);
        Assert.False(other.IsLoopback);
        Assert.Equal("[::1]:80", v6Loopback.WithPort(80));
        Assert.Equal("192.0.2.1:80", other.WithPort(80));
    }

    [Fact]
    public void Inet_diag_messages_read_as_the_kernel_lays_them_out()
    {
        var payload = new byte[InetDiagMessages.DiagMessageSize];
        payload[0] = InetDiagMessages.AfInet6;
        payload[1] = (byte)TcpState.TimeWait;
        payload[2] = (byte)SocketTimerKind.TimeWait;
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(4), 40000);
        BinaryPrimitives.WriteUInt16BigEndian(payload.AsSpan(6), 443);
        System.Net.IPAddress.Parse("2001:db8::7").GetAddressBytes().CopyTo(payload, 8);
        System.Net.IPAddress.Parse("2001:db8::1").GetAddressBytes().CopyTo(payload, 24);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(52), 42_000);
        BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(64), 1000);

        var record = InetDiagMessages.ReadSocket(payload);

        Assert.Equal((TcpState.TimeWait, "2001:db8::7", (ushort)40000, "2001:db8::1", (ushort)443, TimeSpan.FromSeconds(42), 1000u),
            (record.State, record.LocalAddress.ToString(), record.LocalPort, record.RemoteAddress.ToString(), record.RemotePort, record.TimeLeft, record.Uid));
    }

    [Theory]
    [InlineData("TIME_", "TIME_WAIT")]
    [InlineData("time-", "time-wait")]
    [InlineData("TimeW", "TimeWait")]
    [InlineData("fin", "fin-wait-1,fin-wait-2")]
    [InlineData("FIN_", "FIN_WAIT1,FIN_WAIT2")]
    public void State_completion_answers_in_the_spelling_the_user_started(string word, string expected)
    {
        Assert.Equal(expected.Split(','), TcpStateNames.CompletionsFor(word));
    }

    [Fact]
    public void Every_completed_state_name_is_accepted()
    {
        foreach (var word in new[] { "", "a", "A_", "a-" })
        {
            Assert.All(TcpStateNames.CompletionsFor(word), name => Assert.True(TcpStateNames.TryParse(name, out _), name));
        }
    }
}
