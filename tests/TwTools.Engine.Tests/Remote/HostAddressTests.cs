using TwTools.Engine.Diagnostics;
using TwTools.Engine.Remote;
using Xunit;

namespace TwTools.Engine.Tests.Remote;

public class HostAddressTests
{
    [Theory]
    [InlineData("web-1", "web-1", null, null)]
    [InlineData("deploy@web-1.example.com:2222", "web-1.example.com", "deploy", 2222)]
    [InlineData("10.0.0.5", "10.0.0.5", null, null)]
    [InlineData("root@[2001:db8::5]:22", "2001:db8::5", "root", 22)]
    [InlineData("2001:db8::5", "2001:db8::5", null, null)]
    [InlineData("fe80::1%eth0", "fe80::1%eth0", null, null)]
    [InlineData("[fe80::1%2]:22", "fe80::1%2", null, 22)]
    public void Parses_what_users_write(string text, string host, string? user, int? port)
    {
        var address = HostAddress.Parse(text);
        Assert.Equal((host, user, port), (address.Host, address.User, address.Port));
        Assert.Equal(address, HostAddress.Parse(address.ToString()));
    }

    [Theory]
    [InlineData("-oProxyCommand=id")]
    [InlineData("web;id")]
    [InlineData("web id")]
    [InlineData("$(id)")]
    [InlineData("`id`@web")]
    [InlineData("web:0")]
    [InlineData("web:65536")]
    [InlineData("web:22;id")]
    [InlineData("[::1")]
    [InlineData("[web]:22")]
    [InlineData("")]
    [InlineData("web\nid")]
    [InlineData("fe80::1%eth0;id")]
    [InlineData("[fe80::1%$(id)]:22")]
    [InlineData("fe80::1%eth0 -oProxyCommand=id")]
    [InlineData("fe80::1%")]
    public void Refuses_anything_ssh_or_a_shell_would_read_as_more_than_a_host(string text)
    {
        var error = Assert.Throws<TwOperationException>(() => HostAddress.Parse(text));
        Assert.Equal(TwErrorIds.Input.InvalidHostName, error.Diagnostics[0].Id);
        Assert.DoesNotContain('\n', error.Diagnostics[0].Message);
    }

    [Theory]
    [InlineData("ConnectTimeout=5", "ConnectTimeout=5")]
    [InlineData("ServerAliveInterval 10", "ServerAliveInterval=10")]
    [InlineData("proxyjump=bastion.example.com", "proxyjump=bastion.example.com")]
    public void Passes_safe_ssh_options(string option, string expected) => Assert.Equal(expected, SshOptionPolicy.Validate(option));

    [Theory]
    [InlineData("ProxyCommand=nc %h %p")]
    [InlineData("LocalCommand=id")]
    [InlineData("PermitLocalCommand=yes")]
    [InlineData("KnownHostsCommand=/bin/true")]
    [InlineData("StrictHostKeyChecking=no")]
    [InlineData("ControlPath=/tmp/x")]
    [InlineData("ProxyJump=-oProxyCommand=id")]
    [InlineData("ConnectTimeout=5\nProxyCommand=id")]
    [InlineData("ConnectTimeout")]
    public void Refuses_ssh_options_that_run_commands_or_undo_the_defaults(string option)
    {
        var error = Assert.Throws<TwOperationException>(() => SshOptionPolicy.Validate(option));
        Assert.Contains(error.Diagnostics[0].Id, new[] { TwErrorIds.Input.InvalidSshOption, TwErrorIds.Input.InvalidHostName });
    }

    [Fact]
    public void The_ssh_command_line_keeps_the_safe_defaults_and_ends_options_before_the_host()
    {
        var control = Directory.CreateTempSubdirectory("twtools-cp-").FullName;
        var transport = new OpenSshTransport(HostAddress.Parse("deploy@web-1:2222"), new SshSettings { ControlDirectory = control, Options = ["ConnectTimeout=3"] });

        var arguments = transport.Arguments(elevate: true);

        Assert.Contains("BatchMode=yes", arguments);
        Assert.Contains("StrictHostKeyChecking=yes", arguments);
        Assert.Equal(["--", "web-1", "exec", "env", "LC_ALL=C", "sudo", "-n", "sh"], arguments.TakeLast(8));
        Assert.Equal("2222", arguments[arguments.ToList().IndexOf("-p") + 1]);
        Assert.Equal("deploy", arguments[arguments.ToList().IndexOf("-l") + 1]);
        // A dead link is noticed, and the user's own choice (ssh keeps the first value) still wins.
        Assert.True(arguments.ToList().IndexOf("ConnectTimeout=3") < arguments.ToList().IndexOf("ServerAliveInterval=15"));
        Assert.Contains("ServerAliveCountMax=3", arguments);
        Assert.Contains("ControlPath=" + Path.Combine(control, "%C"), arguments);
        Directory.Delete(control);
    }
}
