using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TwTools.Integration.Tests;

/// <summary>
/// node_exporter (textfile and sockstat collectors only) on the watched test host, and Prometheus (1 s
/// scrapes and rule evaluation) on another, scraping it across the test network as a real one would: the
/// watched host may have no ephemeral port left to connect from. Nothing listens in, or sends to, the
/// machine's own namespace; queries go through promtool on the Prometheus host's loopback.
/// </summary>
public sealed partial class MonitoringStack : IDisposable
{
    private readonly TestNamespace _prometheusHost;
    private readonly List<Process> _processes = [];

    public MonitoringStack(TestNamespace watched, string watchedAddress, TestNamespace prometheusHost, string rulesFile)
        : this(prometheusHost, $"{watchedAddress}:9100", rulesFile)
    {
        try
        {
            Start(watched, "prometheus-node-exporter", $"--web.listen-address={watchedAddress}:9100", "--collector.disable-defaults",
                "--collector.textfile", "--collector.sockstat", $"--collector.textfile.directory={TextfileDirectory}");
            WaitFor("up{job=\"node\"} == 1", TimeSpan.FromSeconds(30));
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Prometheus alone, scraping <paramref name="target"/> (host:port) that something else serves, as job "node".</summary>
    public MonitoringStack(TestNamespace prometheusHost, string target, string rulesFile)
    {
        _prometheusHost = prometheusHost;
        Directory = Path.Combine(Path.GetTempPath(), "twtools-stack-" + Guid.NewGuid().ToString("N")[..8]);
        TextfileDirectory = Path.Combine(Directory, "textfile");
        System.IO.Directory.CreateDirectory(TextfileDirectory);
        var config = Path.Combine(Directory, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            rule_files: ['{rulesFile}']
            scrape_configs:
              - job_name: node
                static_configs:
                  - targets: ['{target}']
            """);
        try
        {
            Start(prometheusHost, "prometheus", $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(Directory, "data")}",
                "--web.listen-address=127.0.0.1:9090", "--storage.tsdb.retention.time=1h");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Directory { get; }

    /// <summary>The shipped rules, copied into <paramref name="directory"/> with their for: durations cut to nothing: promtool's unit tests hold the durations.</summary>
    public static string RulesWithoutWaiting(string directory)
    {
        var rules = Path.Combine(directory, "twtools.rules.yml");
        File.WriteAllText(rules, Regex.Replace(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "twtools.rules.yml")), @"for: \d+m", "for: 0s"));
        return rules;
    }

    public string TextfileDirectory { get; }

    /// <summary>The series an instant query returns, one line each (promtool's text form), or none.</summary>
    public IReadOnlyList<string> Query(string expression) =>
        TryQuery(expression, out var series, out var failure) ? series : throw new Xunit.Sdk.XunitException($"query {expression} failed: {failure}");

    /// <summary>Polls until the query returns something, and returns it; fails the test after <paramref name="timeout"/>.</summary>
    public IReadOnlyList<string> WaitFor(string expression, TimeSpan timeout) => Poll(expression, timeout, found: true);

    public void WaitForNone(string expression, TimeSpan timeout) => Poll(expression, timeout, found: false);

    public static double Value(string line) => double.Parse(ValuePattern().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private bool TryQuery(string expression, out IReadOnlyList<string> series, out string failure)
    {
        var result = _prometheusHost.Exec("promtool", "query", "instant", "http://127.0.0.1:9090", expression);
        series = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        failure = result.ToString();
        return result.ExitCode == 0;
    }

    // Prometheus may still be starting (connection refused) or not have scraped yet: both are "not yet".
    private IReadOnlyList<string> Poll(string expression, TimeSpan timeout, bool found)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var answered = TryQuery(expression, out var series, out var failure);
            if (answered && (series.Count > 0) == found)
            {
                return series;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new Xunit.Sdk.XunitException($"after {timeout.TotalSeconds} s, {expression} still returns {(!answered ? failure : found ? "nothing" : string.Join("; ", series))}");
            }

            Thread.Sleep(250);
        }
    }

    private void Start(TestNamespace ns, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo("ip") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "netns", "exec", ns.Name, program }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        // Both write logs to stderr; drained so a full pipe never stalls them.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
    }

    [GeneratedRegex(@"=> (\S+) @")]
    private static partial Regex ValuePattern();
}
