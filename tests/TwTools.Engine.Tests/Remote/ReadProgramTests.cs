using TwTools.Engine.LocalMachine;
using TwTools.Engine.Remote;
using TwTools.Engine.Sockets;
using Xunit;

namespace TwTools.Engine.Tests.Remote;

/// <summary>The read program run by a real sh on this machine reads what the local reader reads.</summary>
public class ReadProgramTests
{
    [Fact]
    public void The_program_reads_the_same_snapshot_as_the_local_reader()
    {
        var remote = new RemoteKernelHost(new ShellTransport(), elevate: false).ReadKernel(default);
        var local = new LocalKernelReader(SystemPaths.Default).Read("shell");

        Assert.Equal(local.KernelRelease, remote.KernelRelease);
        Assert.Equal(local.Runtime.OrderBy(p => p.Key), remote.Runtime.OrderBy(p => p.Key));
        Assert.Contains(Engine.Kernel.KernelSettingCatalog.IpLocalPortRange, remote.Runtime.Keys);
        Assert.Equal(local.UnprivilegedPortStart, remote.UnprivilegedPortStart);
        Assert.Equal(local.TimeWaitOverflow.HasValue, remote.TimeWaitOverflow.HasValue);
        Assert.Equal(
            local.Persisted.AllFiles.Select(f => (f.Path, f.Content, f.LinkTarget)).OrderBy(f => f.Path, StringComparer.Ordinal),
            remote.Persisted.AllFiles.Select(f => (f.Path, f.Content, f.LinkTarget)).OrderBy(f => f.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void Sockets_come_back_as_proc_net_tcp_text_that_parses()
    {
        var answer = new RemoteKernelHost(new ShellTransport(), elevate: false).Read(sockets: true, default);

        Assert.NotNull(answer.Tcp);
        Assert.StartsWith("  sl  local_address", answer.Tcp);
        using var stream = new MemoryStream(System.Text.Encoding.ASCII.GetBytes(answer.Tcp!));
        var sockets = ProcNetTcpText.Read(stream, SocketFilter.Everything, default, "tcp").ToList();
        Assert.All(sockets, s => Assert.Equal(InetFamily.IPv4, s.Family));
    }

    [Fact]
    public void A_missing_trailer_is_a_protocol_error_not_a_partial_snapshot()
    {
        var program = ReadProgram.Build(sockets: false);
        var output = new ShellTransport().Run(program, false, default).StandardOutput;
        var cut = output[..output.IndexOf(ReadProgram.Trailer, StringComparison.Ordinal)];

        var error = Assert.Throws<Diagnostics.TwOperationException>(() => ReadAnswer.Parse("h", cut));
        Assert.Equal(Diagnostics.TwErrorIds.Remote.ProtocolError, error.Diagnostics[0].Id);
    }

    [Theory]
    [InlineData("/proc/sys/kernel/hostname:pwned")]
    [InlineData("/proc/sys/net/ipv4/tcp_tw_reuse")]
    [InlineData("F relative/path =eA== -")]
    [InlineData("F /etc/sysctl.d/a\u001bb.conf =eA== -")]
    [InlineData("V net.ipv4.tcp_tw_reuse 1")]
    public void A_line_the_program_would_never_print_is_a_protocol_error(string line)
    {
        var output = string.Join('\n', ReadProgram.Header, line, ReadProgram.Trailer, string.Empty);

        var error = Assert.Throws<Diagnostics.TwOperationException>(() => ReadAnswer.Parse("h", output));
        Assert.Equal(Diagnostics.TwErrorIds.Remote.ProtocolError, error.Diagnostics[0].Id);
    }
}
