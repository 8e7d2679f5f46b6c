using System.Text.RegularExpressions;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Operations;
using Xunit;

namespace TwTools.Engine.Tests.Metrics;

/// <summary>Port pressure and compliance as Prometheus text: one block per family, escaped labels, a bounded number of series.</summary>
public partial class PrometheusExpositionTests
{
    private static readonly MetricsOptions At = new() { Now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000) };

    private static PortPressureFinding Client(string address, int blocking, int capacity = 100) => new()
    {
        Host = "h",
        Side = ConnectionSide.Client,
        Destination = $"{address}:443",
        RemoteAddress = address,
        RemotePort = 443,
        InUse = blocking,
        TimeWait = blocking,
        Blocking = blocking,
        Capacity = capacity,
        Utilization = (double)blocking / capacity,
        ReuseEffective = false,
        Verdict = blocking >= capacity ? PortVerdict.Exhausted : blocking >= 80 ? PortVerdict.Critical : PortVerdict.OK,
    };

    private static PortExhaustionReport Report(string host, params PortPressureFinding[] findings) => new()
    {
        Host = host,
        PortRange = "40000 40099",
        Capacity = 100,
        TcpTwReuse = 0,
        TcpTimestamps = 1,
        TimeWaitOverflow = 3,
        KernelTimeWait = 120,
        SocketsScanned = findings.Sum(f => f.InUse),
        Verdict = findings.Length == 0 ? PortVerdict.OK : findings.Max(f => f.Verdict),
        Findings = findings.Select(f => f with { Host = host }).ToList(),
    };

    private static List<string> Samples(string text, string family) =>
        text.Split('\n').Where(l => l.StartsWith(family + "{", StringComparison.Ordinal) || l.StartsWith(family + " ", StringComparison.Ordinal)).ToList();

    [Fact]
    public void Each_family_is_declared_once_before_all_its_samples_and_no_sample_has_a_timestamp()
    {
        var text = MetricsExport.Exhaustion([Report("a", Client("10.0.0.1", 90)), Report("b", Client("10.0.0.2", 5))], [new HostFailure("c", HostFailure.ExhaustionCommand, "x", "failed")], At);
        var lines = text.TrimEnd('\n').Split('\n');

        var families = lines.Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToList();
        Assert.Equal(families.Distinct().Count(), families.Count);
        string? current = null;
        foreach (var line in lines)
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                current = line.Split(' ')[2];
                continue;
            }

            if (!line.StartsWith('#'))
            {
                Assert.Equal(current, SampleName().Match(line).Groups[1].Value);
                Assert.Matches(Sample(), line);
            }
        }

        Assert.Equal(["twtools_run_success{host=\"a\"} 1", "twtools_run_success{host=\"b\"} 1", "twtools_run_success{host=\"c\"} 0"], Samples(text, "twtools_run_success"));
        Assert.Equal(["twtools_last_run_timestamp_seconds 1700000000"], Samples(text, "twtools_last_run_timestamp_seconds"));
        Assert.Contains("twtools_destination_severity{host=\"a\",side=\"client\",address=\"10.0.0.1\",port=\"443\"} 2", text);
        Assert.Contains("twtools_ephemeral_ports_range{host=\"a\"} 100", text);
        Assert.Contains("# TYPE twtools_tcp_time_wait_overflow_total counter", text);
    }

    [Fact]
    public void Only_the_busiest_destinations_get_series_and_the_rest_are_one_aggregate()
    {
        var findings = Enumerable.Range(1, 30).Select(i => Client($"10.0.1.{i}", i)).ToArray();

        var text = MetricsExport.Exhaustion([Report("h", findings)], [], At with { Top = 5 });

        Assert.Equal(["26", "27", "28", "29", "30"], Samples(text, "twtools_destination_blocking_ports").Select(l => l.Split(' ')[^1]).Order(StringComparer.Ordinal));
        Assert.Equal(["twtools_destinations_omitted{host=\"h\"} 25"], Samples(text, "twtools_destinations_omitted"));
        Assert.Equal([$"twtools_omitted_destinations_blocking_ports{{host=\"h\"}} {Enumerable.Range(1, 25).Sum()}"], Samples(text, "twtools_omitted_destinations_blocking_ports"));
        Assert.Equal(["twtools_omitted_destinations_max_utilization_ratio{host=\"h\"} 0.25"], Samples(text, "twtools_omitted_destinations_max_utilization_ratio"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(MetricsOptions.MaxTop + 1)]
    public void A_top_outside_its_range_is_bad_input(int top)
    {
        var error = Assert.Throws<TwOperationException>(() => MetricsExport.Exhaustion([], [], At with { Top = top }));
        Assert.True(error.IsInputError);
        Assert.Equal("top", error.Primary.Field);
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline_and_keep_other_text()
    {
        var text = MetricsExport.Exhaustion([Report("we\"ird\\host\nname", Client("fe80::1", 1))], [], At);

        Assert.Contains("twtools_run_success{host=\"we\\\"ird\\\\host\\nname\"} 1", text);
        Assert.Contains("address=\"fe80::1\"", text);
        Assert.DoesNotContain("\nname", text);
    }

    [Fact]
    public void Other_control_characters_in_a_label_value_never_reach_the_text()
    {
        var text = MetricsExport.Exhaustion([Report("esc\u001b[31mred\ttab\u0085", Client("10.0.0.1", 1))], [], At);

        Assert.Contains("twtools_run_success{host=\"esc\uFFFD[31mred\uFFFDtab\uFFFD\"} 1", text);
        Assert.DoesNotContain(text.Replace("\n", string.Empty), char.IsControl);
    }

    [Fact]
    public void No_results_is_bad_input_rather_than_an_empty_file_that_would_look_fresh()
    {
        var error = Assert.Throws<TwOperationException>(() => MetricsExport.FromResults([], new MetricsOptions()));

        Assert.True(error.IsInputError);
        Assert.Contains("nothing to convert", error.Primary.Message);
    }

    [Fact]
    public void Compliance_is_one_series_per_judged_key_and_one_verdict_per_host()
    {
        KernelSettingState State(string key, bool? compliant) => new()
        {
            Host = "web1", Key = key, KernelRelease = "6.1", Exists = true, Meaning = "m", Availability = "a", Policy = "busy-client", Compliant = compliant,
        };

        var text = MetricsExport.Policy([[State("net.ipv4.tcp_tw_reuse", false), State("net.ipv4.tcp_timestamps", true), State("net.ipv4.tcp_fin_timeout", null)]], [new HostFailure("web2", HostFailure.PolicyCommand, "x", "failed")], At);

        Assert.Equal(
            ["twtools_policy_setting_compliant{host=\"web1\",policy=\"busy-client\",key=\"net.ipv4.tcp_tw_reuse\"} 0", "twtools_policy_setting_compliant{host=\"web1\",policy=\"busy-client\",key=\"net.ipv4.tcp_timestamps\"} 1"],
            Samples(text, "twtools_policy_setting_compliant"));
        Assert.Equal(["twtools_policy_compliant{host=\"web1\",policy=\"busy-client\"} 0"], Samples(text, "twtools_policy_compliant"));
        Assert.Contains("twtools_policy_run_success{host=\"web2\"} 0", text);
        Assert.DoesNotContain("twtools_run_success", text);
    }

    [GeneratedRegex(@"^([a-z_]+)[{ ]")]
    private static partial Regex SampleName();

    // name, optional {label="value",...} with escaped values, one space, one number: nothing after it.
    [GeneratedRegex(@"^[a-z_]+(\{[a-z_]+=""(?:[^""\\\n]|\\[\\""n])*""(,[a-z_]+=""(?:[^""\\\n]|\\[\\""n])*"")*\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$")]
    private static partial Regex Sample();
}
