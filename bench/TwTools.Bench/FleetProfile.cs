using System.Globalization;
using System.Text.RegularExpressions;
using TwTools.TestHosts;

namespace TwTools.Bench;

/// <summary>
/// Where a fleet run's CPU goes: each phase (the ssh floor, twtools' first run, its no-op rerun) runs
/// under a system-wide <c>perf record</c>, and the samples are summed by command name. On a machine
/// whose cores the controller and every host share, wall time follows CPU, so this names what to cut.
/// </summary>
internal static partial class FleetProfile
{
    private const int Hertz = 997;

    public static int Run(string twtools, int[] sizes)
    {
        if (Tool.FirstLine("perf", "--version") is null)
        {
            Console.Error.WriteLine("bench fleet-profile: needs perf (Debian: linux-perf).");
            return 2;
        }

        foreach (var hosts in sizes)
        {
            using var fleet = new SshTestFleet(hosts);
            var policy = Path.Combine(fleet.Directory, "fleet-bench.yaml");
            File.WriteAllText(policy, FleetBaseline.PolicyYaml());
            var round = new FleetRound(fleet, twtools, policy, ansible: null);
            var plain = round.Measure();
            Console.WriteLine($"\nH = {hosts} hosts without perf: floor {plain.Floor:0.00} s, first run {plain.TwToolsFirst:0.00} s ({plain.TwToolsFirst / plain.Floor:0.00}x), "
                + $"no-op {plain.TwToolsSecond:0.00} s ({plain.TwToolsSecond / plain.Floor:0.00}x)");
            round.Reset();
            Console.WriteLine($"H = {hosts} hosts: CPU seconds by command (perf, {Hertz} Hz, whole machine)");
            Directory.CreateDirectory(fleet.ControlDirectory);
            foreach (var (phase, command) in new[] { ("floor", round.FloorCommand()), ("shared", round.SharedFloorCommand()), ("reset", null), ("first", round.TwToolsCommand()), ("no-op", round.TwToolsCommand()) })
            {
                if (command is null)
                {
                    // The shared floor's connections would make twtools' first run a second one.
                    round.Reset();
                    continue;
                }

                var data = Path.Combine(fleet.Directory, phase + ".perf");
                var started = DateTime.UtcNow;
                var run = fleet.RunInController(["perf", "record", "-q", "-a", "-F", Hertz.ToString(CultureInfo.InvariantCulture), "-o", data, "--", .. command], TimeSpan.FromMinutes(10));
                var wall = (DateTime.UtcNow - started).TotalSeconds;
                if (run.ExitCode != 0)
                {
                    Console.Error.WriteLine($"bench fleet-profile: {phase} failed: {run}");
                    return 1;
                }

                var report = Shell.Run("perf", ["report", "-i", data, "--sort", "comm", "--stdio", "-n"], TimeSpan.FromMinutes(2)).StdOut;
                var rows = Row().Matches(report).Select(m => (Comm: m.Groups[2].Value.Trim(), Seconds: long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) / (double)Hertz))
                    .Where(r => r.Comm != "swapper").OrderByDescending(r => r.Seconds).ToList();
                Console.WriteLine($"  {phase,-6} wall {wall,6:0.00} s, busy CPU {rows.Sum(r => r.Seconds),6:0.00} s: "
                    + string.Join(", ", rows.Take(9).Select(r => $"{r.Comm} {r.Seconds:0.00}")));
            }
        }

        return 0;
    }

    // "    12.34%          1234  command" lines of perf report -n.
    [GeneratedRegex(@"^\s+[0-9.]+%\s+(\d+)\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex Row();
}
