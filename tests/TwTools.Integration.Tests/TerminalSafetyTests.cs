namespace TwTools.Integration.Tests;

/// <summary>
/// A sysctl.d file whose name and values hold terminal escape sequences and a forged line: whatever
/// twtools prints about it, on stdout and stderr, holds no raw control character and no forged line.
/// </summary>
public class TerminalSafetyTests
{
    private static void AssertSafe(ProcessResult result)
    {
        foreach (var text in new[] { result.StdOut, result.StdErr })
        {
            Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\n' and not '\t');
            Assert.DoesNotContain(text.Split('\n'), line => line.StartsWith("twtools: error: forged", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Hostile_names_and_values_in_sysctl_d_are_escaped_everywhere_they_are_shown()
    {
        using var ns = new TestNamespace();
        var name = "50-\u001b]0;pwned\u0007\u001b[2J\ntwtools: error: forged.conf";
        File.WriteAllText(Path.Combine(ns.SysctlD, name), "net.ipv4.tcp_fin_timeout = 3\u001b[31m0\nnet.ipv4.tcp_tw_reuse = 0\n");

        var kernel = ns.Exec(Cli.Command("kernel"));
        var apply = ns.Exec(Cli.Command("apply", "--policy", Cli.Policy("busy-client"), "--what-if"));
        var test = ns.Exec(Cli.Command("test", "--policy", Cli.Policy("busy-client")));

        Assert.True(kernel.ExitCode == 0, kernel.ToString());
        Assert.Contains("\\e]0;pwned\\a\\e[2J\\ntwtools: error: forged.conf", kernel.StdOut);
        Assert.Contains("3\\e[31m0", kernel.StdOut);
        foreach (var result in new[] { kernel, apply, test })
        {
            AssertSafe(result);
        }
    }
}
