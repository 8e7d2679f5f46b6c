using System.Diagnostics;
using System.Globalization;
using TwTools.TestHosts;

namespace TwTools.Bench;

/// <summary>
/// Many network namespaces, each holding client-side TIME_WAIT sockets, read by <c>twtools exhaustion --all-netns</c>
/// and by its peer <c>ip -all netns exec ss -tan</c> over the same namespaces in the same run; prints the ratio against
/// the bar (issue "Containers and pods": at most 1.5x); then the exporter over the same namespaces
/// (<see cref="ExporterBenchmark"/>). Every namespace is deleted afterwards.
/// </summary>
internal static class NamespaceBenchmark
{
    private const int Runs = 5;

    public static int Run(string twtools, int namespaces, int socketsEach)
    {
        if (Environment.UserName != "root")
        {
            Console.Error.WriteLine("bench namespaces: needs root to create network namespaces.");
            return 2;
        }

        var peer = Path.Combine(AppContext.BaseDirectory, "TwTools.TestPeer.dll");
        var names = Enumerable.Range(0, namespaces).Select(i => $"twt-bnn-{i:000}-{Guid.NewGuid().ToString("N")[..6]}").ToList();
        try
        {
            var clock = Stopwatch.StartNew();
            foreach (var name in names)
            {
                Shell.Check("ip", "netns", "add", name);
                Shell.Check("ip", "-n", name, "link", "set", "lo", "up");
            }

            Parallel.ForEach(names, new ParallelOptions { MaxDegreeOfParallelism = 4 }, name =>
                Shell.Check("ip", "netns", "exec", name, "dotnet", peer, "timewait", "127.0.0.1", "80", socketsEach.ToString(CultureInfo.InvariantCulture), "10000", "127.0.0.2"));
            Console.WriteLine($"\n{namespaces} namespaces with {socketsEach} TIME_WAIT sockets each made in {clock.Elapsed.TotalSeconds:0.0} s ({Tool.FirstLine("ss", "-V")})");

            var ours = new List<double>();
            var theirs = new List<double>();
            for (var run = 0; run < Runs; run++)
            {
                // Interleaved, stdout drained through a pipe as a script would read it.
                ours.Add(Time(twtools, "exhaustion", "--all-netns", "--json"));
                theirs.Add(Time("ip", "-all", "netns", "exec", "ss", "-tan"));
            }

            var (mine, peerMedian) = (Median(ours), Median(theirs));
            var ratio = mine / peerMedian;
            Console.WriteLine($"  medians of {Runs} runs (ms):");
            Console.WriteLine($"    twtools exhaustion --all-netns --json      {mine,8:0.0}   {ratio:0.00}x of ip -all netns exec ss -tan (bar: <= 1.5x, {(ratio <= 1.5 ? "met" : "NOT met")})");
            Console.WriteLine($"    ip -all netns exec ss -tan                 {peerMedian,8:0.0}");
            ExporterBenchmark.Run(twtools, Runs);
            return 0;
        }
        finally
        {
            foreach (var name in names)
            {
                Shell.Run("ip", "netns", "del", name);
            }
        }
    }

    internal static double Time(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var drained = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        drained.Wait();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return process.ExitCode is 0 or 1 ? elapsed : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {errors.Result}");
    }

    internal static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
