using TwTools.Engine.Operations;

namespace TwTools.Integration.Tests;

/// <summary>
/// Prometheus output as promtool and node_exporter's textfile collector read it: valid text for busy and
/// hostile input, a .prom file replaced whole, and a failed run (bad --top, a read-only or full file
/// system) that leaves the previous file as it was.
/// </summary>
public sealed class MetricsCliTests : IDisposable
{
    private const string Previous = "# previous run\ntwtools_run_success{host=\"localhost\"} 1\n";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "twtools-metrics-" + Guid.NewGuid().ToString("N")[..8]);

    public MetricsCliTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Capture(int destinations)
    {
        var path = Path.Combine(_directory, "capture.txt");
        var v4 = Enumerable.Range(1, destinations).Select(i => $"{i,4}: 0100007F:{40000 + i:X4} {i:X2}00000A:01BB 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000");
        var v6 = $"   0: 00000000000000000000000001000000:{40050:X4} 000080FE00000000FF005452F1CAFE12:0050 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000";
        File.WriteAllLines(path, ["  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", .. v4, "  sl  local_address                         remote_address                        st", v6]);
        return path;
    }

    private ProcessResult Promtool(string exposition)
    {
        var file = _directory + "-check.prom";
        File.WriteAllText(file, exposition);
        try
        {
            return Shell.Run("sh", ["-c", $"promtool check metrics < '{file}'"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Exhaustion_metrics_for_a_busy_capture_pass_promtool_with_top_series_and_one_aggregate()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.ip_local_port_range", "40000 40099");

        var capture = Capture(30);
        var result = ns.Exec(Cli.Command("exhaustion", "--from-file", capture, "--format", "prometheus", "--top", "5"));

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var check = Promtool(result.StdOut);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Equal(5, result.StdOut.Split('\n').Count(l => l.StartsWith("twtools_destination_blocking_ports{", StringComparison.Ordinal)));
        // A capture's series carry the capture as their host, as its rows do: two captures never share a label.
        Assert.True(result.StdOut.Contains($"twtools_destinations_omitted{{host=\"{capture}\"}} 26", StringComparison.Ordinal), result.StdOut);
        Assert.Contains($"twtools_ephemeral_ports_range{{host=\"{capture}\"}} 100", result.StdOut);
    }

    [Fact]
    public void Hostile_label_values_stay_valid_exposition_text()
    {
        var finding = new PortPressureFinding
        {
            Host = "h", Side = ConnectionSide.Client, Destination = "x", RemoteAddress = "fe80::1%eth0", RemotePort = 80, Capacity = 10, Utilization = 0.5, Verdict = PortVerdict.OK,
        };
        var hosts = new[] { "quote\"host", "back\\slash", "new\nline", "ünïcødé host", "{braces}=,", "tab\there" };
        var reports = hosts.Select(h => new PortExhaustionReport
        {
            Host = h, PortRange = "1 2", Capacity = 10, Verdict = PortVerdict.OK, Findings = [finding with { Host = h }],
        }).ToList();

        var check = Promtool(MetricsExport.Exhaustion(reports, [new HostFailure("failed\"host", HostFailure.ExhaustionCommand, "x", "failed")], new MetricsOptions()));

        Assert.True(check.ExitCode == 0, check.ToString());
    }

    [Fact]
    public void The_textfile_is_replaced_whole_and_a_bad_top_leaves_the_previous_one()
    {
        using var ns = new TestNamespace();
        var prom = Path.Combine(_directory, MetricsExport.ExhaustionFile);

        var written = ns.Exec(Cli.Command("exhaustion", "--textfile-dir", _directory));

        Assert.True(written.ExitCode is 0 or 1, written.ToString());
        Assert.Equal(string.Empty, written.StdOut);
        Assert.True(Promtool(File.ReadAllText(prom)).ExitCode == 0);
        Assert.Equal([MetricsExport.ExhaustionFile], Directory.GetFiles(_directory).Select(Path.GetFileName));

        File.WriteAllText(prom, Previous);
        var badTop = ns.Exec(Cli.Command("exhaustion", "--textfile-dir", _directory, "--top", "0"));
        var missing = ns.Exec(Cli.Command("exhaustion", "--textfile-dir", Path.Combine(_directory, "nope")));

        Assert.True(badTop.ExitCode == 2 && badTop.StdErr.Contains("top:", StringComparison.Ordinal), badTop.ToString());
        Assert.True(missing.ExitCode == 2 && missing.StdErr.Contains("does not exist", StringComparison.Ordinal), missing.ToString());
        Assert.Equal(Previous, File.ReadAllText(prom));
    }

    [Fact]
    public void A_fifo_where_the_prom_file_should_be_fails_the_run_at_once_and_stays_a_fifo()
    {
        using var ns = new TestNamespace();
        var prom = Path.Combine(_directory, MetricsExport.ExhaustionFile);
        Shell.Check("mkfifo", prom);

        var result = ns.Exec(Cli.Command("exhaustion", "--textfile-dir", _directory));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Metrics.TextfileWriteFailed", result.StdErr);
        Assert.Contains("FIFO", result.StdErr);
        Assert.Equal("fifo", Shell.Check("stat", "-c", "%F", prom).Trim());
    }

    [Theory]
    [InlineData("read-only", "mount --bind -o ro {0} {0}")]
    [InlineData("full", "mount -t tmpfs -o size=64k tmpfs {0} && printf '%s' \"$PREVIOUS\" > {0}/twtools.prom && (dd if=/dev/zero of={0}/fill bs=4k 2>/dev/null || true)")]
    public void A_file_system_that_refuses_the_write_fails_the_run_and_keeps_the_previous_file(string why, string setup)
    {
        using var ns = new TestNamespace();
        File.WriteAllText(Path.Combine(_directory, MetricsExport.ExhaustionFile), Previous);
        var twtools = string.Join(' ', Cli.Command("exhaustion", "--textfile-dir", _directory).Select(a => $"'{a}'"));
        // In a private mount namespace: the read-only bind or the full tmpfs exists only for this run.
        var script = $"export PREVIOUS='{Previous.Replace("\n", "'\"\\n\"'")}'; {string.Format(setup, _directory)} && {twtools}; echo \"rc=$?\"; cat {_directory}/twtools.prom; ls -a {_directory}";

        var result = ns.Exec("unshare", "--mount", "--propagation", "private", "sh", "-c", script);

        Assert.True(result.StdOut.Contains("rc=3", StringComparison.Ordinal), $"{why}: {result}");
        Assert.Contains("TwTools.Metrics.TextfileWriteFailed", result.StdErr);
        Assert.Contains("# previous run", result.StdOut);
        Assert.DoesNotContain(".tmp", result.StdOut);
    }
}
