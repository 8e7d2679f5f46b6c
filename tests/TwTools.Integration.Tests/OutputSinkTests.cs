namespace TwTools.Integration.Tests;

/// <summary>
/// A closed or full stdout or stderr loses output, nothing more: an apply that finished is never reported as "left as
/// it was" (exit 3) or blamed on a host, and the process never aborts.
/// </summary>
public class OutputSinkTests
{
    private static ProcessResult Run(TestNamespace ns, string redirect, params string[] arguments) =>
        ns.Exec(["sh", "-c", "\"$@\" " + redirect + "; echo \"exit $?\" >&2", "sh", .. Cli.Command(arguments)]);

    [Theory]
    [InlineData(">&-", "stdout is closed")]
    [InlineData(">/dev/full", "No space left on device")]
    [InlineData("--json >/dev/full", "No space left on device")]
    public void An_apply_whose_stdout_fails_is_applied_and_exits_4_blaming_no_host(string redirect, string reason)
    {
        using var ns = new TestNamespace();
        var json = redirect.StartsWith("--json", StringComparison.Ordinal);

        var result = Run(ns, json ? redirect[7..] : redirect, json ? ["apply", "--policy", Cli.Policy("busy-client"), "--json"] : ["apply", "--policy", Cli.Policy("busy-client")]);

        Assert.Contains("exit 4", result.StdErr);
        Assert.Contains("TwTools.Output.WriteFailed", result.StdErr);
        Assert.Contains(reason, result.StdErr);
        Assert.DoesNotContain("TwTools.Host.Unexpected", result.StdErr);
        Assert.DoesNotContain("localhost: failed", result.StdErr);
        Assert.Equal("1", ns.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Single(Directory.GetFiles(ns.SysctlD));
    }

    [Theory]
    [InlineData("2>&-")]
    [InlineData("2>/dev/full")]
    public void An_apply_whose_stderr_fails_still_applies_and_exits_0(string redirect)
    {
        using var ns = new TestNamespace();

        var result = ns.Exec(["sh", "-c", "\"$@\" " + redirect + "; echo \"exit $?\"", "sh", .. Cli.Command("apply", "--policy", Cli.Policy("tw-reuse"))]);

        Assert.EndsWith("exit 0\n", result.StdOut);
        Assert.Equal("1", ns.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public void A_read_whose_stdout_is_full_exits_4_and_a_failed_run_keeps_its_own_code()
    {
        using var ns = new TestNamespace();

        var kernel = Run(ns, ">/dev/full", "kernel");
        var missing = Run(ns, ">&-", "kernel", "--policy", "no-such-policy");

        Assert.Contains("exit 4", kernel.StdErr);
        Assert.Contains("exit 2", missing.StdErr);
        Assert.DoesNotContain("TwTools.Output.WriteFailed", missing.StdErr);
    }
}
