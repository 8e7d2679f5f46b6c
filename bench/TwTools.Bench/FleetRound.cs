using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using TwTools.TestHosts;

namespace TwTools.Bench;

/// <summary>Wall times (seconds) of one round: the ssh floor, then each tool's first and second run.</summary>
internal sealed record FleetTimes(double Floor, double TwToolsFirst, double TwToolsSecond, double AnsibleFirst, double AnsibleSecond)
{
    /// <summary>The controller's peak resident memory (MiB) in twtools' first and second run; NaN without GNU time.</summary>
    public (double First, double Second) TwToolsMaxRssMiB { get; init; } = (double.NaN, double.NaN);

    /// <summary>The same for a no-op run at twtools' default throttle (32 hosts at once), whatever the fleet's size.</summary>
    public double DefaultThrottleMaxRssMiB { get; init; } = double.NaN;
}

/// <summary>
/// One measured round over a fleet. Every host starts from its pristine values with no persisted file
/// and no shared ssh connection, so each tool's first run pays for authentication and changes, and its
/// second run (straight after, inside the 60 s ControlPersist window both use) is the no-op re-check.
/// A run that did not converge every host is an error, never a time.
/// </summary>
internal sealed partial class FleetRound(SshTestFleet fleet, string twtools, string policyFile, AnsibleProject? ansible)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private readonly Dictionary<SshTestHost, string[]> _pristine = fleet.Hosts.ToDictionary(
        h => h, h => FleetBaseline.Settings.Select(s => $"{s.Key}={h.Namespace.Get(s.Key)}").ToArray());

    public FleetTimes Measure()
    {
        Reset();
        var floor = Time(FloorCommand(), _ => { });
        var (twFirst, rssFirst) = TimeWithMemory(TwToolsCommand(), _ => Converged(FleetBaseline.TwToolsFile));
        void Unchanged(ProcessResult r) => NothingChanged(JsonDocument.Parse(r.StdOut).RootElement.EnumerateArray()
            .Select(e => (e.GetProperty("host").GetString()!, e.GetProperty("changed").GetBoolean())));
        var (twSecond, rssSecond) = TimeWithMemory(TwToolsCommand(), Unchanged);
        // Memory follows the hosts in flight, not the fleet: the same no-op at the default throttle shows it.
        var (_, rssThrottled) = TimeWithMemory(TwToolsCommand(throttle: 32), Unchanged);
        if (ansible is null)
        {
            return new FleetTimes(floor, twFirst, twSecond, double.NaN, double.NaN) { TwToolsMaxRssMiB = (rssFirst, rssSecond), DefaultThrottleMaxRssMiB = rssThrottled };
        }

        Reset();
        var ansibleFirst = Time(ansible.Command(), _ => Converged(FleetBaseline.AnsibleFile));
        var ansibleSecond = Time(ansible.Command(), r => NothingChanged(Recap().Matches(r.StdOut).Select(m => (m.Groups[1].Value, m.Groups[2].Value != "0"))));
        Reset();
        return new FleetTimes(floor, twFirst, twSecond, ansibleFirst, ansibleSecond) { TwToolsMaxRssMiB = (rssFirst, rssSecond), DefaultThrottleMaxRssMiB = rssThrottled };
    }

    /// <summary>Pristine values, no persisted files, no shared connections (TwTools' or Ansible's, both live under the fleet's directory).</summary>
    public void Reset()
    {
        Shell.Run("pkill", "-f", "ssh: " + fleet.Directory + "/");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Shell.Run("pgrep", "-f", "ssh: " + fleet.Directory + "/").ExitCode == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        foreach (var (host, pristine) in _pristine)
        {
            // A reset that did not take would let the next first run change less and look faster.
            var restored = host.Namespace.Exec(["sysctl", "-qw", .. pristine]);
            if (restored.ExitCode != 0)
            {
                throw new InvalidOperationException($"{host.Address}: could not restore its values: {restored}");
            }

            foreach (var file in new[] { FleetBaseline.TwToolsFile, FleetBaseline.AnsibleFile })
            {
                File.Delete(Path.Combine(host.Namespace.SysctlD, Path.GetFileName(file)));
            }
        }
    }

    // H plain `ssh host true` at once, each with its own new connection: what any ssh-based tool must pay.
    public string[] FloorCommand() =>
    [
        "sh", "-c",
        """
        cfg=$1; id=$2; shift 2; pids=
        for a in "$@"; do ssh -F "$cfg" -i "$id" -o ControlMaster=no -o ControlPath=none "root@$a" true & pids="$pids $!"; done
        rc=0; for p in $pids; do wait "$p" || rc=1; done; exit $rc
        """,
        "sh", fleet.ConfigFile, fleet.IdentityFile, .. fleet.Hosts.Select(h => h.Address),
    ];

    // The same, but each ssh starting a shared connection that outlives it, as twtools' and Ansible's first runs do.
    public string[] SharedFloorCommand() =>
    [
        "sh", "-c",
        """
        cfg=$1; id=$2; cp=$3; shift 3; pids=
        for a in "$@"; do ssh -F "$cfg" -i "$id" -o ControlMaster=auto -o "ControlPath=$cp/%C" -o ControlPersist=60 "root@$a" true & pids="$pids $!"; done
        rc=0; for p in $pids; do wait "$p" || rc=1; done; exit $rc
        """,
        "sh", fleet.ConfigFile, fleet.IdentityFile, fleet.ControlDirectory, .. fleet.Hosts.Select(h => h.Address),
    ];

    public string[] TwToolsCommand(int? throttle = null) =>
    [
        twtools, "apply", "--policy", policyFile, "--json", "--throttle", (throttle ?? fleet.Hosts.Count).ToString(),
        "--ssh-config", fleet.ConfigFile, "--identity-file", fleet.IdentityFile,
        .. fleet.Hosts.SelectMany(h => new[] { "--host", "root@" + h.Address }),
    ];

    // GNU time reports the peak resident set of the process it waited for (twtools; its ssh clients are far smaller).
    private (double Seconds, double MaxRssMiB) TimeWithMemory(string[] command, Action<ProcessResult> verify)
    {
        const string gnuTime = "/usr/bin/time";
        if (!File.Exists(gnuTime))
        {
            return (Time(command, verify), double.NaN);
        }

        var report = Path.Combine(fleet.Directory, "maxrss");
        var seconds = Time([gnuTime, "-f", "%M", "-o", report, .. command], verify);
        return (seconds, long.Parse(File.ReadAllLines(report).Last(), System.Globalization.CultureInfo.InvariantCulture) / 1024.0);
    }

    private double Time(string[] command, Action<ProcessResult> verify)
    {
        var clock = Stopwatch.StartNew();
        var result = fleet.RunInController(command, Limit);
        var seconds = clock.Elapsed.TotalSeconds;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command[0]} failed: {result}");
        }

        verify(result);
        return seconds;
    }

    private void Converged(string file)
    {
        foreach (var host in fleet.Hosts)
        {
            foreach (var (key, value) in FleetBaseline.Settings)
            {
                var actual = string.Join(' ', host.Namespace.Get(key).Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
                if (actual != value)
                {
                    throw new InvalidOperationException($"{host.Address}: {key} is {actual}, not {value}");
                }
            }

            if (!File.Exists(Path.Combine(host.Namespace.SysctlD, Path.GetFileName(file))))
            {
                throw new InvalidOperationException($"{host.Address}: {file} was not written");
            }
        }
    }

    // Rows may be per host or per setting; what counts is every host reported and none changed.
    private void NothingChanged(IEnumerable<(string Host, bool Changed)> rows)
    {
        var list = rows.ToList();
        var hosts = list.Select(r => r.Host).Distinct().Count();
        if (hosts != fleet.Hosts.Count || list.Any(r => r.Changed))
        {
            throw new InvalidOperationException($"the second run should report {fleet.Hosts.Count} hosts unchanged; it reported {hosts} hosts, {list.Count(r => r.Changed)} changes");
        }
    }

    [GeneratedRegex(@"^(h\d+)\s+:\s+ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=0", RegexOptions.Multiline)]
    private static partial Regex Recap();
}
