namespace TwTools.Integration.Tests;

/// <summary>Bad input to sockets and exhaustion: exit 2, the option or file and line named on stderr, no data on stdout.</summary>
public class SocketCommandInputTests
{
    [Theory]
    [InlineData("state: 'half-open' is not a TCP state", "sockets", "--state", "half-open")]
    [InlineData("remote-address: '10.0.0.0/33'", "sockets", "--remote-address", "10.0.0.0/33")]
    [InlineData("local-port: 70000 is not a port", "sockets", "--local-port", "70000")]
    [InlineData("family: '5' is not an address family", "sockets", "--family", "5")]
    [InlineData("warning/critical: the warning threshold (0.9) must not be above the critical one (0.5)", "exhaustion", "--warning", "0.9", "--critical", "0.5")]
    [InlineData("sample-seconds: the sample must last 0 to 3600 seconds", "exhaustion", "--sample-seconds", "-1")]
    [InlineData("--sample-seconds takes a number with a decimal point: '0,5' is not one (write 0.5)", "exhaustion", "--sample-seconds", "0,5")]
    [InlineData("--warning takes a number with a decimal point", "exhaustion", "--warning", "0,6")]
    [InlineData("Unrecognized command or argument 'nosuchcommand'", "nosuchcommand", "--help")]
    [InlineData("from-file: ", "sockets", "--from-file", "/nonexistent/capture.txt")]
    [InlineData("from-file: ", "exhaustion", "--from-file", "/nonexistent/capture.txt")]
    [InlineData("format: --json and --format Prometheus ask for two formats", "exhaustion", "--json", "--format", "prometheus")]
    [InlineData("textfile-dir: --textfile-dir writes Prometheus text", "exhaustion", "--textfile-dir", "/tmp", "--format", "json")]
    [InlineData("format: Prometheus series say whether a host complies, so they need --policy", "kernel", "--format", "prometheus")]
    [InlineData("top: --top / -Top must be between 1 and 10000", "test", "--policy", "busy-client", "--format", "prometheus", "--top", "0")]
    public void Bad_options_exit_2_and_say_which(string expected, params string[] arguments)
    {
        using var ns = new TestNamespace();
        var result = ns.Exec(Cli.Command(arguments));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StdErr);
        Assert.Equal(string.Empty, result.StdOut);
    }

    [Fact]
    public void Exhaustion_judges_a_capture_against_this_hosts_port_range_and_sockets_names_the_capture()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.ip_local_port_range", "40000 40009");
        var capture = Path.Combine(Path.GetTempPath(), "twtools-capture-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        var lines = Enumerable.Range(1, 9).Select(i => $"{i,4}: 0100007F:{40000 + i:X4} 0A00000A:0050 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000");
        File.WriteAllLines(capture, ["  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode", .. lines]);
        try
        {
            var report = ns.Exec(Cli.Command("exhaustion", "--from-file", capture, "--json"));
            var sockets = ns.Exec(Cli.Command("sockets", "--from-file", capture, "--json"));

            // 9 of the namespace's 10 ports blocked by the capture's TIME_WAIT: Critical, and exit 1.
            Assert.True(report.ExitCode == 1, report.ToString());
            using var json = System.Text.Json.JsonDocument.Parse(report.StdOut);
            var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("destination").GetString() == "10.0.0.10:80");
            Assert.Equal((9, 10), (finding.GetProperty("timeWait").GetInt32(), finding.GetProperty("capacity").GetInt32()));
            Assert.True(sockets.ExitCode == 0, sockets.ToString());
            using var listed = System.Text.Json.JsonDocument.Parse(sockets.StdOut);
            Assert.All(listed.RootElement.EnumerateArray(), s => Assert.Equal(capture, s.GetProperty("host").GetString()));
            Assert.Equal(9, listed.RootElement.GetArrayLength());
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [Fact]
    public void A_capture_that_is_not_proc_net_tcp_names_file_and_line()
    {
        var capture = Path.Combine(Path.GetTempPath(), "twtools-capture-" + Guid.NewGuid().ToString("N")[..8] + ".txt");
        File.WriteAllText(capture, "  sl  local_address rem_address   st\nProto Recv-Q Send-Q Local Address           Foreign Address         State\n");
        try
        {
            var result = Shell.Run(Cli.Command("sockets", "--from-file", capture)[0], Cli.Command("sockets", "--from-file", capture)[1..]);
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains($"{capture}:2: line: not a /proc/net/tcp socket line", result.StdErr);
            Assert.Contains("TwTools.Input.InvalidCapture", result.StdErr);

            var withProcess = Shell.Run(Cli.Command("sockets", "--from-file", capture, "--process")[0], Cli.Command("sockets", "--from-file", capture, "--process")[1..]);
            Assert.True(withProcess.ExitCode == 2, withProcess.ToString());
            Assert.Contains("process:", withProcess.StdErr);
        }
        finally
        {
            File.Delete(capture);
        }
    }

    [Theory]
    [InlineData("throttle", "kernel", "--host", "h", "--throttle", "abc")]
    [InlineData("lock-timeout", "apply", "--policy", "busy-client", "--lock-timeout", "1.5")]
    [InlineData("timeout", "kernel", "--host", "h", "--timeout", "99999999999")]
    [InlineData("warning/critical: thresholds are shares", "exhaustion", "--warning", "NaN")]
    [InlineData("sample-seconds: the sample must last", "exhaustion", "--sample-seconds", "NaN")]
    [InlineData("policy: no policy given", "test", "--policy", "")]
    public void Numbers_and_values_the_cli_cannot_use_are_usage_errors_not_crashes(string expected, params string[] arguments)
    {
        var result = Shell.Run(Cli.Command(arguments)[0], Cli.Command(arguments)[1..], TimeSpan.FromSeconds(30));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StdErr);
        Assert.DoesNotContain("Unhandled exception", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
