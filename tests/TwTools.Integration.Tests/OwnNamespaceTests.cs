using System.Globalization;

namespace TwTools.Integration.Tests;

/// <summary>
/// twtools run inside a network namespace that is not the host's. Under nsenter -n the files are still the host's: an
/// apply there must not write them. The "host" here is a process of this test in the machine's network namespace
/// (TWTOOLS_HOST_PID), and /etc/sysctl.d is a tmpfs of a private mount namespace both see: nothing real is at stake.
/// </summary>
public class OwnNamespaceTests
{
    private static ProcessResult InPrivateMounts(TestNamespace ns, string twtoolsArguments)
    {
        var twtools = string.Join(' ', Cli.Command().Select(a => $"'{a}'"));
        var script = $"""
            set -e
            mount -t tmpfs twt-sysctl-d /etc/sysctl.d
            sleep 120 & host=$!
            rc=0
            TWTOOLS_HOST_PID=$host nsenter --net=/run/netns/{ns.Name} {twtools} {twtoolsArguments} || rc=$?
            echo "files: $(ls -A /etc/sysctl.d | tr '\n' ' ')"
            kill $host
            exit $rc
            """;
        return Shell.Run("unshare", ["--mount", "--propagation", "private", "sh", "-c", script], TimeSpan.FromSeconds(120));
    }

    [Fact]
    public void Under_nsenter_apply_changes_the_namespace_at_runtime_and_leaves_the_host_files_alone()
    {
        using var ns = new TestNamespace();
        var machine = Directory.GetFiles("/etc/sysctl.d").Order().ToList();

        var result = InPrivateMounts(ns, "apply --policy busy-client");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("files: \n", result.StdOut + "\n");
        Assert.Contains("TwTools.Namespace.HostFilesRefused", result.StdErr);
        Assert.Contains($"[netns:{ns.Name}]", result.StdOut);
        Assert.Equal("10240\t65535", ns.Get("net.ipv4.ip_local_port_range"));
        Assert.Equal(machine, Directory.GetFiles("/etc/sysctl.d").Order().ToList());
    }

    [Fact]
    public void Under_nsenter_host_files_writes_them_on_purpose()
    {
        using var ns = new TestNamespace();

        var result = InPrivateMounts(ns, "apply --policy busy-client --host-files");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("files: 60-twtools-busy-client.conf", result.StdOut);
        Assert.DoesNotContain("HostFilesRefused", result.StdErr);
    }

    [Fact]
    public void The_kernel_header_names_the_namespace_twtools_runs_in()
    {
        using var ns = new TestNamespace();

        var result = InPrivateMounts(ns, "kernel");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"localhost [netns:{ns.Name}]: kernel", result.StdOut);
        // Its boot values are not the host's files: nothing made it with values of its own.
        Assert.DoesNotContain("/etc/sysctl.d/", result.StdOut);
    }

    [Fact]
    public void The_host_kernel_line_counts_namespaces_that_run_a_key_differently()
    {
        using var first = new TestNamespace();
        using var second = new TestNamespace();
        var hostReuse = File.ReadAllText("/proc/sys/net/ipv4/tcp_fin_timeout").Trim();
        var other = hostReuse == "44" ? "45" : "44";
        first.Set("net.ipv4.tcp_fin_timeout", other);
        second.Set("net.ipv4.tcp_fin_timeout", other);

        var result = Shell.Run(Cli.Command()[0], [.. Cli.Command().Skip(1), "kernel"], TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 0, result.ToString());
        // Other tests' namespaces come and go: at least these two run it, and the line says it is not the host's value.
        var line = result.StdErr.Split('\n').Single(l => l.Contains("other network namespace(s) on this host", StringComparison.Ordinal));
        Assert.Matches($@"(\d+) run tcp_fin_timeout={other} not this host's {hostReuse}", line);
        Assert.True(int.Parse(System.Text.RegularExpressions.Regex.Match(line, $@"(\d+) run tcp_fin_timeout={other}").Groups[1].Value, CultureInfo.InvariantCulture) >= 2, line);
    }
}
