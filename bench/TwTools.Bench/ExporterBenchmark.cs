using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace TwTools.Bench;

/// <summary>
/// <c>twtools exporter --all-netns</c> over the namespaces the namespace benchmark made: a scrape (each one collecting,
/// --min-interval 0) against its peer <c>twtools exhaustion --all-netns --format prometheus</c> in the same run (bar,
/// issue "A node agent": under 2x), and the exporter's resident memory over 100 scrapes (bar: under 64 MiB).
/// </summary>
internal static partial class ExporterBenchmark
{
    private const int Scrapes = 100;

    public static void Run(string twtools, int runs)
    {
        using var exporter = Process.Start(new ProcessStartInfo(twtools, ["exporter", "--all-netns", "--min-interval", "0", "--web.listen-address", "127.0.0.1:0"])
        {
            RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        try
        {
            var serving = Serving().Match(exporter.StandardError.ReadLine() ?? string.Empty);
            if (!serving.Success)
            {
                throw new InvalidOperationException("the exporter did not say where it serves");
            }

            // Drained from here on: a full pipe would stop the exporter at its next warning.
            _ = exporter.StandardError.ReadToEndAsync();
            _ = exporter.StandardOutput.ReadToEndAsync();
            var url = new Uri(serving.Groups[1].Value);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
            var scrapes = new List<double>();
            var peers = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                peers.Add(NamespaceBenchmark.Time(twtools, "exhaustion", "--all-netns", "--format", "prometheus"));
                scrapes.Add(Scrape(http, url));
            }

            var (mine, peer) = (NamespaceBenchmark.Median(scrapes), NamespaceBenchmark.Median(peers));
            Console.WriteLine($"    exporter scrape (each one collects)          {mine,8:0.0}   {mine / peer:0.00}x of twtools exhaustion --all-netns --format prometheus (bar: < 2x, {(mine / peer < 2 ? "met" : "NOT met")})");
            Console.WriteLine($"    twtools exhaustion --all-netns --format prometheus {peer,8:0.0}");

            var resident = new List<long>();
            var cpuBefore = CpuSeconds(exporter.Id);
            for (var scrape = 0; scrape < Scrapes; scrape++)
            {
                Scrape(http, url);
                resident.Add(Status(exporter.Id, "VmRSS"));
            }

            var cpu = (CpuSeconds(exporter.Id) - cpuBefore) / Scrapes;
            var peak = Status(exporter.Id, "VmHWM");
            var series = http.GetStringAsync(url).GetAwaiter().GetResult().Split('\n').Count(l => l.Length > 0 && l[0] != '#');
            Console.WriteLine($"    exporter resident memory over {Scrapes} scrapes: {resident.Max() / 1024.0:0.0} MiB at most after a scrape, {peak / 1024.0:0.0} MiB peak (bar: under 64 MiB, {(peak < 64 * 1024 ? "met" : "NOT met")})");
            Console.WriteLine($"    exporter per collection: {cpu:0.00} CPU seconds, {series} series");
        }
        finally
        {
            exporter.Kill();
            exporter.WaitForExit();
        }
    }

    private static double Scrape(HttpClient http, Uri url)
    {
        var clock = Stopwatch.StartNew();
        using var response = http.GetAsync(url, HttpCompletionOption.ResponseContentRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        return clock.Elapsed.TotalMilliseconds;
    }

    // utime + stime from /proc/PID/stat (fields 14 and 15, after the command in parentheses), in clock ticks of 1/100 s.
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    // KiB, from /proc/PID/status.
    private static long Status(int pid, string field) =>
        File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status").Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)).Single();

    [GeneratedRegex(@"serving (http://[^ ,]+)")]
    private static partial Regex Serving();
}
