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
    [InlineData("B relative/path\nZ 1\nC =eA==")]
    [InlineData("B =cmVsYXRpdmU=\nZ 1\nC =eA==")]
    [InlineData("B /etc/sysctl.d/a\u001bb.conf\nZ 1\nC =eA==")]
    [InlineData("B /etc/sysctl.d/a.conf\nZ x\nC =eA==")]
    [InlineData("B /etc/sysctl.d/a.conf\nZ 1\nC eA==")]
    [InlineData("B /etc/sysctl.d/a.conf\nZ 1")]
    [InlineData("Z 1\nB /etc/sysctl.d/a.conf\nC =eA==")]
    [InlineData("B /etc/sysctl.d/a.conf\nZ 1\nC =eA==\nC =eA==")]
    [InlineData("F /etc/sysctl.d/a.conf =eA== -")]
    [InlineData("V net.ipv4.tcp_tw_reuse 1")]
    public void A_line_the_program_would_never_print_is_a_protocol_error(string line)
    {
        var output = string.Join('\n', ReadProgram.Header, line, ReadProgram.Trailer, string.Empty);

        var error = Assert.Throws<Diagnostics.TwOperationException>(() => ReadAnswer.Parse("h", output));
        Assert.Equal(Diagnostics.TwErrorIds.Remote.ProtocolError, error.Diagnostics[0].Id);
    }

    [Theory]
    [InlineData("Z 2\nC =eA==")]
    [InlineData("Z 1\nZ 1\nC =eA==")]
    [InlineData("C =eA==")]
    public void Sizes_that_do_not_match_the_bytes_fail_the_read_instead_of_shifting_contents(string lines)
    {
        var output = string.Join('\n', ReadProgram.Header, "B /etc/sysctl.d/a.conf", lines, ReadProgram.Trailer, string.Empty);

        var error = Assert.Throws<Diagnostics.TwOperationException>(() => ReadAnswer.Parse("h", output));
        Assert.Equal(Diagnostics.TwErrorIds.Host.ReadFailed, error.Diagnostics[0].Id);
        Assert.Contains("changed while they were read", error.Diagnostics[0].Message);
    }

    [Fact]
    public void Batched_files_are_split_by_their_sizes_with_links_resolved()
    {
        var output = string.Join('\n', ReadProgram.Header,
            "B /etc/sysctl.d/a.conf /etc/sysctl.d/99-sysctl.conf>../sysctl.conf =L2V0Yy9zeXNjdGwuZC9hIGIuY29uZg==>=L2Rldi9udWxs",
            "Z 3", "Z 0", "Z 2", "C =" + Convert.ToBase64String("a=1xy"u8.ToArray()), ReadProgram.Trailer, string.Empty);

        var answer = ReadAnswer.Parse("h", output);

        Assert.Equal(
            [("/etc/sysctl.d/a.conf", "a=1", null), ("/etc/sysctl.d/99-sysctl.conf", "", "/etc/sysctl.conf"), ("/etc/sysctl.d/a b.conf", "xy", "/dev/null")],
            answer.Kernel.Persisted.AllFiles.Select(f => (f.Path, f.Content, f.LinkTarget)));
        Assert.Equal(Convert.ToBase64String("xy"u8.ToArray()), answer.RawContents["/etc/sysctl.d/a b.conf"]);
    }
}
