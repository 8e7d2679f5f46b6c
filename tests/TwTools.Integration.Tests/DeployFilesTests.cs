using TwTools.Engine.Operations;

namespace TwTools.Integration.Tests;

/// <summary>
/// The operations files in deploy/ as their tools read them: systemd's own verifier for the service and
/// timer, the service's commands run for real, and promtool for the alerting rules and their unit tests.
/// </summary>
public sealed class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(Repository.Root, "deploy");

    private static string Service => Path.Combine(Deploy, "systemd", "twtools-metrics.service");

    [Fact]
    public void Systemd_verifies_the_service_and_timer_without_a_warning()
    {
        // The unit names /usr/local/bin/twtools, which the verifier checks is executable: a tmpfs there, in a
        // private mount namespace, holds a stand-in for as long as the verifier runs.
        var result = Shell.Run("unshare", ["--mount", "--propagation", "private", "sh", "-c",
            $"mount -t tmpfs tmpfs /usr/local/bin && printf '#!/bin/sh\\n' > /usr/local/bin/twtools && chmod +x /usr/local/bin/twtools && " +
            $"systemd-analyze verify --man=no '{Service}' '{Path.Combine(Deploy, "systemd", "twtools-metrics.timer")}'"], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.StdErr.Trim());
    }

    [Fact]
    public void The_services_commands_write_both_prom_files_promtool_accepts()
    {
        using var ns = new TestNamespace();
        var directory = Path.Combine(Path.GetTempPath(), "twtools-deploy-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        try
        {
            var commands = File.ReadAllLines(Service).Where(l => l.StartsWith("ExecStart=", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, commands.Count);
            foreach (var line in commands)
            {
                // As systemd would run it, but here: the binary under test, the test's directory, a 1 s sample.
                var arguments = line["ExecStart=/usr/local/bin/twtools ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(a => a == "/var/lib/prometheus/node-exporter" ? directory : a == "10" ? "1" : a)
                    .ToArray();
                var result = ns.Exec(Cli.Command(arguments));
                Assert.True(result.ExitCode is 0 or 1, $"{line}: {result}");
            }

            Assert.Equal([MetricsExport.ExhaustionFile, MetricsExport.PolicyFile], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var file in Directory.GetFiles(directory))
            {
                var check = Shell.Run("sh", ["-c", $"promtool check metrics < '{file}'"]);
                Assert.True(check.ExitCode == 0, $"{file}: {check}");
            }

            // As the timer leaves them, both files in one directory: node_exporter serves every series of both, with
            // no series in two files (which it would drop, hiding one run's failure behind the other's success).
            var scrape = ns.Exec("sh", "-c",
                $"ip link set lo up; prometheus-node-exporter --web.listen-address=127.0.0.1:9100 --collector.disable-defaults --collector.textfile --collector.textfile.directory='{directory}' 2>'{directory}/log' & " +
                "for i in $(seq 50); do curl -sf http://127.0.0.1:9100/metrics && break; sleep 0.1; done; kill $!; wait");
            var log = File.ReadAllText(Path.Combine(directory, "log"));
            Assert.True(scrape.StdOut.Contains("node_textfile_scrape_error 0", StringComparison.Ordinal), scrape + "\n" + log);
            Assert.Contains("twtools_run_success{host=\"localhost\"} 1", scrape.StdOut);
            Assert.Contains("twtools_policy_run_success{host=\"localhost\"} 1", scrape.StdOut);
            Assert.DoesNotContain("collected before", log);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Promtool_accepts_the_alerting_rules_and_their_unit_tests_pass()
    {
        var rules = Path.Combine(Deploy, "prometheus");
        var check = Shell.Run("promtool", ["check", "rules", Path.Combine(rules, "twtools.rules.yml")]);
        var test = Shell.Run("sh", ["-c", $"cd '{rules}' && promtool test rules twtools.rules.test.yml"]);

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("SUCCESS: 8 rules found", check.StdOut);
        Assert.True(test.ExitCode == 0, test.ToString());
    }
}
