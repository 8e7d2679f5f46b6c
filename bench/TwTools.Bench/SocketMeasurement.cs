using System.Diagnostics;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Exhaustion;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;

namespace TwTools.Bench;

/// <summary>
/// Runs inside the benchmark's namespace. TwTools' engine is timed in process (what a cmdlet pays);
/// ss and netstat are timed as the commands people run, output drained through a pipe; the twtools
/// CLI the same way when out/bin/twtools exists. Medians of several runs, all against one table.
/// </summary>
internal static class SocketMeasurement
{
    private const int Runs = 7;

    public static int Run(int expected)
    {
        Thread.Sleep(1000); // let the kernel finish the factory's closes before anything is timed
        var source = new NetlinkSocketSource();
        var kernel = new LocalKernelHost().ReadKernel(default);
        var host = new QuietHost();
        var count = source.Read(SocketFilter.Everything, default).LongCount();
        if (count < expected * 0.99)
        {
            Console.Error.WriteLine($"expected {expected} sockets, the table has {count}");
            return 1;
        }

        var listing = Median(() => source.Read(SocketFilter.Everything, default).LongCount());
        var summary = Median(() => SocketSummary.Count("b", source, SocketFilter.Everything, SockstatCounters.Parse(null, null), default).Total);
        var exhaustion = Median(() => PortExhaustionAnalysis.Run(source, kernel, new PortExhaustionOptions(), host).SocketsScanned);
        var objects = Median(() => SocketListing.List(new HostSockets("b", source, () => kernel, new SockstatCounters(), owners: null), new SocketRequest(), host).LongCount());
        var ss = Median(() => Command("ss", "-tan"));
        var ssTimeWait = Median(() => Command("ss", "-tan", "state", "time-wait"));
        var netstat = File.Exists("/usr/bin/netstat") || File.Exists("/bin/netstat") ? Median(() => Command("netstat", "-tan")) : (double?)null;
        var cliPath = Path.Combine(Directory.GetCurrentDirectory(), "out/bin/twtools");
        var cli = File.Exists(cliPath) ? Median(() => Command(cliPath, "sockets")) : (double?)null;
        var cliSummary = File.Exists(cliPath) ? Median(() => Command(cliPath, "sockets", "--summary")) : (double?)null;
        var cliJson = File.Exists(cliPath) ? Median(() => Command(cliPath, "sockets", "--json")) : (double?)null;
        // The kernel's walk alone: ss dumps every socket but prints none (no socket is in SYN-RECV here).
        var walk = Median(() => Command("ss", "-tan", "state", "syn-recv"));
        var cliExhaustionJson = File.Exists(cliPath) ? Median(() => Command(cliPath, "exhaustion", "--json")) : (double?)null;
        var cliPrometheus = File.Exists(cliPath) ? Median(() => Command(cliPath, "exhaustion", "--format", "prometheus")) : (double?)null;

        Console.WriteLine($"  {count} sockets; medians of {Runs} runs (ms):");
        Row("engine listing (records, in process)", listing, ss, "ss -tan");
        Row("engine listing (TcpSocket objects, in process)", objects, ss, "ss -tan");
        Row("engine summary (counts per state)", summary, ss, "ss -tan");
        Row("engine exhaustion analysis", exhaustion, listing, "engine listing");
        Row("ss -tan", ss, null, null);
        Row("ss -tan state time-wait", ssTimeWait, null, null);
        if (netstat is { } n)
        {
            Row("netstat -tan", n, null, null);
            Row("engine listing vs netstat", listing, n, "netstat -tan");
        }

        if (cli is { } c)
        {
            Row("twtools sockets (AOT process, text)", c, ss, "ss -tan");
            Row("twtools sockets --summary (AOT process)", cliSummary!.Value, ss, "ss -tan");
            Row("twtools sockets --json (AOT process)", cliJson!.Value, ss, "ss -tan");
            Row("kernel walk alone (ss -tan state syn-recv)", walk, null, null);
            Console.WriteLine($"    {"twtools sockets --summary vs the kernel walk",-48} {cliSummary.Value / walk,9:0.00}x the walk");
            Row("twtools exhaustion --json (AOT process)", cliExhaustionJson!.Value, null, null);
            var metrics = cliPrometheus!.Value / cliExhaustionJson.Value;
            Console.WriteLine($"    {"twtools exhaustion --format prometheus",-48} {cliPrometheus.Value,9:0.0}   {metrics,6:0.00}x of exhaustion --json (bar: <= 1.2x, {(metrics <= 1.2 ? "met" : "NOT met")})");
        }

        // The issue sets the listing bar at 200k sockets; below that only the ratio is shown.
        var listingBar = expected >= 200_000 ? (ss / listing >= 5 ? "met" : "NOT met") : "no bar below 200k";
        Console.WriteLine($"  bars: listing >= 5x faster than ss -tan at 200k: {listingBar} ({ss / listing:0.0}x); exhaustion < 2x listing: {(exhaustion / listing < 2 ? "met" : "NOT met")} ({exhaustion / listing:0.00}x)");
        if (expected >= 200_000)
        {
            foreach (var (name, ms, peer, peerName) in PowerShellMeasurement.Run())
            {
                Console.WriteLine(peer is { } p
                    ? $"    {name,-48} {ms,9:0.0}   {ms / p,6:0.00}x the time of {peerName} (bar: <= 1.2x, {(ms <= 1.2 * p ? "met" : "NOT met")})"
                    : $"    {name,-48} {ms,9:0.0}");
            }
        }

        if (cli is { } text && expected >= 200_000)
        {
            Console.WriteLine($"  bars at 200k (performance, second pass): text listing >= 3x faster than ss -tan: {(ss / text >= 3 ? "met" : "NOT met")} ({ss / text:0.0}x); " +
                $"JSON listing no slower than ss -tan: {(cliJson <= ss ? "met" : "NOT met")} ({ss / cliJson:0.0}x); summary <= 1.5x the kernel walk: {(cliSummary <= 1.5 * walk ? "met" : "NOT met")} ({cliSummary / walk:0.00}x)");
        }

        return 0;
    }

    private static void Row(string name, double ms, double? peer, string? peerName) =>
        Console.WriteLine(peer is { } p
            ? $"    {name,-48} {ms,9:0.0}   {p / ms,6:0.0}x faster than {peerName}"
            : $"    {name,-48} {ms,9:0.0}");

    private static double Median(Func<long> body)
    {
        body(); // warm up: JIT, page cache
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var clock = Stopwatch.StartNew();
            body();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    private static long Command(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var buffer = new char[1 << 16];
        long total = 0;
        int read;
        while ((read = process.StandardOutput.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
        }

        process.WaitForExit();
        return process.ExitCode == 0 ? total : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
    }

    private sealed class QuietHost : IEngineOutput
    {
        public CancellationToken Cancellation => default;

        public void WriteWarning(TwDiagnostic warning)
        {
        }

        public void WriteVerbose(string message)
        {
        }

        public void WriteInformation(string message)
        {
        }

        public void WriteError(TwDiagnostic error)
        {
        }
    }
}
