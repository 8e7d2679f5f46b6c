using System.Diagnostics;

namespace TwTools.Bench;

/// <summary>
/// For each N: a fresh network namespace holding N client-side TIME_WAIT sockets on loopback, then
/// <see cref="SocketMeasurement"/> run inside it, so TwTools and ss/netstat read the same table in
/// the same run. The namespace (and every socket in it) is deleted afterwards.
/// </summary>
internal static class SocketBenchmark
{
    public static int Run(int[] sizes)
    {
        if (Environment.UserName != "root")
        {
            Console.Error.WriteLine("bench sockets: needs root to create network namespaces.");
            return 2;
        }

        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, kernel {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}, {Tool("ss", "-V")}, .NET {Environment.Version}");
        var peer = Path.Combine(AppContext.BaseDirectory, "TwTools.TestPeer.dll");
        var self = Path.Combine(AppContext.BaseDirectory, "TwTools.Bench.dll");
        foreach (var size in sizes)
        {
            var ns = "twt-bench-" + Guid.NewGuid().ToString("N")[..8];
            Check("ip", "netns", "add", ns);
            try
            {
                Check("ip", "-n", ns, "link", "set", "lo", "up");
                Check("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.tcp_max_tw_buckets=2000000");
                var clock = Stopwatch.StartNew();
                // 50k source ports per source address, so the kernel never has to search for a port.
                var sources = Enumerable.Range(2, size / 50_000 + 1).Select(i => $"127.0.0.{i}");
                Check(["ip", "netns", "exec", ns, "dotnet", peer, "timewait", "127.0.0.1", "80", size.ToString(), "10000", .. sources]);
                Console.WriteLine($"\nN = {size}: made {size} TIME_WAIT sockets in {clock.Elapsed.TotalSeconds:0.0} s");
                var measure = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", ns, "dotnet", self, "sockets-measure", size.ToString()]) { UseShellExecute = false })!;
                measure.WaitForExit();
                if (measure.ExitCode != 0)
                {
                    return measure.ExitCode;
                }
            }
            finally
            {
                Check("ip", "netns", "del", ns);
            }
        }

        return 0;
    }

    private static string Tool(string program, string argument)
    {
        try
        {
            return Run([program, argument]).Trim().Split('\n')[0];
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return program + " not found";
        }
    }

    private static void Check(params string[] command) => Run(command);

    private static string Run(string[] command)
    {
        var info = new ProcessStartInfo(command[0], command[1..]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{string.Join(' ', command)}: {error}");
    }
}
