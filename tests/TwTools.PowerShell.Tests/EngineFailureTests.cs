namespace TwTools.PowerShell.Tests;

/// <summary>
/// What the engine translates at its edge reaches pwsh as the catalog's error, as it reaches the CLI
/// (FaultInjectionTests there): here a netlink socket the kernel refuses, injected with strace into a
/// real pwsh running the module.
/// </summary>
public sealed class EngineFailureTests
{
    [Theory]
    [InlineData("Get-TcpSocketState -Source Netlink", "GetTcpSocketStateCommand")]
    [InlineData("Test-PortExhaustion -Source Netlink", "TestPortExhaustionCommand")]
    public void A_refused_netlink_socket_is_one_SocketReadFailed_error_record(string command, string cmdlet)
    {
        using var ns = new TestNamespace();
        var script = $"Import-Module '{ModuleUnderTest.Manifest}'; $out = {command} -ErrorVariable failed -ErrorAction SilentlyContinue; " +
            "\"count=$($failed.Count) out=$(@($out).Count)\"; $failed | ForEach-Object { \"id=$($_.FullyQualifiedErrorId)\"; \"message=$_\" }";

        // Only socket() fails, and only with EACCES: pwsh itself opens none on this path.
        var result = ns.Exec("strace", "-f", "-qq", "-o", "/dev/null", "--seccomp-bpf", "-e", "trace=socket", "-e", "inject=socket:error=EACCES",
            PowerShellTool.Require(), "-NoProfile", "-NonInteractive", "-Command", script);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("count=1 out=0", result.StdOut);
        Assert.Contains($"id=TwTools.Host.SocketReadFailed,TwTools.PowerShell.Cmdlets.{cmdlet}", result.StdOut);
        Assert.Contains("socket(AF_NETLINK, NETLINK_SOCK_DIAG) failed: Permission denied", result.StdOut);
    }
}
