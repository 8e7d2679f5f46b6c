namespace TwTools.Integration.Tests;

/// <summary>
/// A host whose files make the engine fail (here a fake /proc, as TWTOOLS_PROC_ROOT allows) ends with one
/// error and exit 3, never a process that waits forever for a worker that died.
/// </summary>
public sealed class HostFailureTests : IDisposable
{
    private readonly string _proc = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-proc-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    public HostFailureTests()
    {
        Directory.CreateDirectory(Path.Combine(_proc, "sys/net/ipv4"));
        Directory.CreateDirectory(Path.Combine(_proc, "net"));
        File.WriteAllText(Path.Combine(_proc, "sys/net/ipv4/ip_local_port_range"), "32768\t60999\n");
        File.WriteAllText(Path.Combine(_proc, "net/tcp"), string.Empty);
    }

    [Fact]
    public void A_port_range_the_kernel_would_never_print_is_a_read_error_naming_the_key()
    {
        File.WriteAllText(Path.Combine(_proc, "sys/net/ipv4/ip_local_port_range"), "abc def\n");

        var result = Run("exhaustion", "--source", "ProcFiles");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("net.ipv4.ip_local_port_range 'abc def' cannot be read", result.StdErr);
        Assert.Contains("TwTools.Host.ReadFailed", result.StdErr);
    }

    [Fact]
    public void A_socket_table_that_never_ends_a_line_fails_that_host_instead_of_hanging()
    {
        File.Delete(Path.Combine(_proc, "net/tcp"));
        File.CreateSymbolicLink(Path.Combine(_proc, "net/tcp"), "/dev/zero");

        var result = Run("exhaustion", "--source", "ProcFiles");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("localhost: ", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    public void Dispose() => Directory.Delete(_proc, recursive: true);

    // Bounded: a regression to the old hang fails here after 30 s instead of stalling CI.
    private ProcessResult Run(params string[] arguments) =>
        Shell.Run("env", ["TWTOOLS_PROC_ROOT=" + _proc, .. Cli.Command(arguments)], TimeSpan.FromSeconds(30));
}
