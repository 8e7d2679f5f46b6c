using System.Diagnostics;

namespace TwTools.Bench;

/// <summary>
/// How long `twtools kernel` takes from exec to exit, beside `sysctl -a` (the peer a person would
/// otherwise run per host), interleaved run by run so both see the same machine load.
/// </summary>
internal static class StartupBenchmark
{
    public const double BarMilliseconds = 15;

    public static int Run(string twtools, int runs)
    {
        if (!File.Exists(twtools))
        {
            Console.Error.WriteLine($"bench: {twtools} not found; build it with 'bash eng/bootstrap.sh'");
            return 2;
        }

        var ours = new List<double>();
        var peer = new List<double>();
        Time(twtools, "kernel");
        Time("sysctl", "-a");
        for (var i = 0; i < runs; i++)
        {
            ours.Add(Time(twtools, "kernel"));
            peer.Add(Time("sysctl", "-a"));
        }

        var ourMedian = Median(ours);
        var peerMedian = Median(peer);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}, {runs} runs each");
        Console.WriteLine($"twtools kernel   median {ourMedian,7:0.00} ms   p90 {Percentile(ours, 0.9),7:0.00} ms");
        Console.WriteLine($"sysctl -a        median {peerMedian,7:0.00} ms   p90 {Percentile(peer, 0.9),7:0.00} ms");
        Console.WriteLine($"ratio sysctl -a / twtools kernel: {peerMedian / ourMedian:0.00}x");
        Console.WriteLine($"bar: twtools kernel median <= {BarMilliseconds} ms: {(ourMedian <= BarMilliseconds ? "met" : "NOT met")}");
        return 0;
    }

    private static double Time(string program, string argument)
    {
        var info = new ProcessStartInfo(program, argument) { RedirectStandardOutput = true, RedirectStandardError = true };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
