using System.Net;

namespace TwTools.Integration.Tests;

/// <summary>
/// <c>twtools exporter</c> as Prometheus meets it: /metrics with what exhaustion and test export, for the host and each
/// namespace; the exporter's own series; a cap on how often the work runs; a landing page; a clean stop on SIGTERM.
/// </summary>
public class ExporterTests
{
    private static IEnumerable<string> Samples(string text, string name) =>
        text.Split('\n').Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal));

    [Fact]
    public void Scrapes_serve_every_namespace_and_the_policy_and_share_one_collection_within_the_interval()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.ip_local_port_range", "40000 40009");
        using var exporter = new ExporterProcess("--all-netns", "--policy", "tw-reuse", "--min-interval", "300");

        var first = exporter.Scrape();
        var second = exporter.Scrape();

        Assert.Contains($"twtools_ephemeral_ports_range{{host=\"localhost\",netns=\"netns:{ns.Name}\",netns_inode=\"", first);
        Assert.Contains(Samples(first, "twtools_ephemeral_ports_range"), l => l.Contains($"netns:{ns.Name}", StringComparison.Ordinal) && l.EndsWith(" 10", StringComparison.Ordinal));
        Assert.Contains(Samples(first, "twtools_policy_compliant"), l => l.Contains($"netns:{ns.Name}", StringComparison.Ordinal) && l.EndsWith(" 0", StringComparison.Ordinal));
        Assert.Equal(["twtools_exporter_collect_success 1"], Samples(first, "twtools_exporter_collect_success"));
        Assert.Equal(["twtools_exporter_collections_total 1"], Samples(second, "twtools_exporter_collections_total"));
        Assert.Equal(Samples(first, "twtools_last_run_timestamp_seconds"), Samples(second, "twtools_last_run_timestamp_seconds"));
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, second);
            var check = Shell.Run("sh", ["-c", $"promtool check metrics < '{file}'"], TimeSpan.FromSeconds(30));
            Assert.True(check.ExitCode == 0, check.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Without_a_minimum_interval_each_scrape_collects_and_a_namespace_made_since_is_found()
    {
        using var exporter = new ExporterProcess("--all-netns", "--min-interval", "0");
        var before = exporter.Scrape();
        using var ns = new TestNamespace();

        var after = exporter.Scrape();

        Assert.DoesNotContain($"netns:{ns.Name}", before);
        Assert.Contains($"netns:{ns.Name}", after);
        Assert.Equal(["twtools_exporter_collections_total 2"], Samples(after, "twtools_exporter_collections_total"));
    }

    [Fact]
    public void The_landing_page_links_the_metrics_other_paths_and_methods_are_refused_and_sigterm_stops_it_cleanly()
    {
        using var exporter = new ExporterProcess("--web.telemetry-path", "/probe");

        using var landing = exporter.Get("/");
        var page = landing.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        Assert.Equal((HttpStatusCode.OK, "text/html"), (landing.StatusCode, landing.Content.Headers.ContentType?.MediaType));
        Assert.Contains("<a href=\"/probe\">", page);
        Assert.Contains("twtools_run_success{host=\"localhost\"} 1", exporter.Scrape("/probe"));
        using var missing = exporter.Get("/metrics");
        using var posted = exporter.Get("/probe", HttpMethod.Post);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed), (missing.StatusCode, posted.StatusCode));

        Assert.Equal(0, exporter.Terminate(TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain("   at ", exporter.StdErr);
    }

    [Fact]
    public void A_node_name_labels_this_machine_and_its_namespaces_and_a_bad_one_is_refused_at_the_start()
    {
        using var ns = new TestNamespace();
        using var exporter = new ExporterProcess("--node-name", "node-7", "--netns", ns.Name);

        var metrics = exporter.Scrape();

        Assert.Contains($"twtools_run_success{{host=\"node-7\",netns=\"netns:{ns.Name}\"", metrics);
        Assert.DoesNotContain("localhost", metrics);
        foreach (var bad in new[] { "node 7", "node\u001b[31m" })
        {
            var refused = Shell.Run(Cli.Command()[0], [.. Cli.Command().Skip(1), "exporter", "--node-name", bad], TimeSpan.FromSeconds(60));
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("is not a node name", refused.StdErr);
            Assert.DoesNotContain("\u001b", refused.StdErr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_bad_address_is_bad_input_and_a_port_in_use_says_so()
    {
        var bad = Shell.Run(Cli.Command()[0], [.. Cli.Command().Skip(1), "exporter", "--web.listen-address", "nine:9977"], TimeSpan.FromSeconds(60));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("web.listen-address", bad.StdErr);

        using var first = new ExporterProcess();
        var port = first.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var taken = Shell.Run(Cli.Command()[0], [.. Cli.Command().Skip(1), "exporter", "--web.listen-address", "127.0.0.1:" + port], TimeSpan.FromSeconds(60));
        Assert.Equal(3, taken.ExitCode);
        Assert.Contains($"cannot listen on 127.0.0.1:{port}", taken.StdErr);
        Assert.DoesNotContain("   at ", taken.StdErr);
    }
}
