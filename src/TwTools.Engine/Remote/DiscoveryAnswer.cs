using System.Globalization;
using System.Text.RegularExpressions;
using TwTools.Engine.Namespaces;

namespace TwTools.Engine.Remote;

/// <summary>A remote host's answer to <see cref="DiscoveryProgram"/>: its namespaces, named as --all-netns names them here.</summary>
internal sealed partial class DiscoveryAnswer
{
    private readonly Dictionary<int, ulong> _inodeOf;
    private readonly ContainerDirectory? _containers;

    private DiscoveryAnswer(IReadOnlyList<NetworkNamespace> namespaces, Dictionary<int, ulong> inodeOf, ContainerDirectory? containers) =>
        (Namespaces, _inodeOf, _containers) = (namespaces, inodeOf, containers);

    /// <summary>Every namespace once, the host's first.</summary>
    public IReadOnlyList<NetworkNamespace> Namespaces { get; }

    /// <summary>The namespaces of the containers or pods a name or id names (a pod's containers share one); none when nothing matches.</summary>
    public IReadOnlyList<NetworkNamespace> OfContainer(string nameOrId) =>
        (_containers?.Matching(nameOrId) ?? [])
            .Select(c => c.ProcessId is { } pid && _inodeOf.TryGetValue(pid, out var inode) ? inode
                : Namespaces.FirstOrDefault(n => n.ContainerId == c.Id || (c.Runtime == CriListing.Runtime && n.Pod == c.PodName && n.PodNamespace == c.PodNamespace))?.Inode)
            .Where(i => i is not null).Distinct()
            .SelectMany(i => Namespaces.Where(n => n.Inode == i))
            .ToList();

    public static DiscoveryAnswer Parse(string hostName, string output)
    {
        var lines = output.Split('\n');
        if (lines.Length == 0 || lines[0] != DiscoveryProgram.Header)
        {
            throw RemoteAnswers.Malformed(hostName, "the namespace listing did not start", lines.FirstOrDefault());
        }

        ulong? host = null;
        var processes = new List<(ulong Inode, int Pid)>();
        var files = new List<(ulong Inode, string Path)>();
        string? cgroups = null, commands = null, dockerPids = null;
        var runtimes = new Dictionary<string, string?>(StringComparer.Ordinal);
        var complete = false;
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var (tag, rest) = line.IndexOf(' ') is var space and >= 0 ? (line[..space], line[(space + 1)..]) : (line, string.Empty);
            switch (tag)
            {
                case "T":
                    throw RemoteAnswers.ToolsMissing(hostName, line[1..], "find its network namespaces");
                case "H":
                    host = ulong.TryParse(rest.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : null;
                    break;
                case "P" when ProcessLine().Match(rest) is { Success: true } p:
                    processes.Add((ulong.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(p.Groups[2].Value, CultureInfo.InvariantCulture)));
                    break;
                case "F" when rest.Split(' ') is [var inode, var path] && ulong.TryParse(inode, NumberStyles.None, CultureInfo.InvariantCulture, out var i):
                    files.Add((i, RemoteAnswers.Decode(hostName, path)));
                    break;
                case "C":
                    cgroups = Decoded(hostName, rest);
                    break;
                case "N":
                    commands = Decoded(hostName, rest);
                    break;
                case "J" when rest.Split(' ') is [var runtime and ("podman" or "docker" or "cri-pods" or "cri-ps"), var json]:
                    runtimes[runtime] = Decoded(hostName, json);
                    break;
                case "D":
                    dockerPids = Decoded(hostName, rest);
                    break;
                case var end when end == DiscoveryProgram.Trailer:
                    complete = true;
                    break;
                default:
                    throw RemoteAnswers.Malformed(hostName, "unexpected namespace listing line", line);
            }
        }

        if (!complete)
        {
            throw RemoteAnswers.Malformed(hostName, "the namespace listing was cut short", null);
        }

        var cgroupOf = PerProcess(cgroups, "cgroup");
        var commandOf = PerProcess(commands, "comm");
        var scan = new NamespaceScan(host, pid => commandOf.GetValueOrDefault(pid));
        foreach (var (inode, pid) in processes.OrderBy(p => p.Pid))
        {
            scan.AddProcess(inode, pid, () => cgroupOf.GetValueOrDefault(pid));
        }

        foreach (var (inode, path) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            scan.AddFile(inode, path);
        }

        var pids = (dockerPids ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ')).Where(f => f.Length == 2 && int.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .GroupBy(f => f[0]).ToDictionary(g => g.Key, g => int.Parse(g.First()[1], CultureInfo.InvariantCulture));
        var names = runtimes.Count == 0 ? null
            : ContainerDirectory.FromAnswers(runtimes.GetValueOrDefault("podman"), runtimes.GetValueOrDefault("docker"), pids, (runtimes.GetValueOrDefault("cri-pods"), runtimes.GetValueOrDefault("cri-ps")));
        return new DiscoveryAnswer(NamespaceDiscovery.From(scan, names), processes.GroupBy(p => p.Pid).ToDictionary(g => g.Key, g => g.First().Inode), names);
    }

    // "=" alone: the command printed nothing (no such runtime answer, no matching line).
    private static string? Decoded(string hostName, string field) => field is "" or "=" ? null : RemoteAnswers.Decode(hostName, field);

    // grep -H lines: "/proc/PID/FILE:TEXT". A name with a line break in it only ever misnames its own process.
    private static Dictionary<int, string> PerProcess(string? text, string file)
    {
        var found = new Dictionary<int, string>();
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var prefix = PerProcessLine().Match(line);
            if (prefix.Success && prefix.Groups[2].Value == file)
            {
                found.TryAdd(int.Parse(prefix.Groups[1].Value, CultureInfo.InvariantCulture), line[prefix.Length..]);
            }
        }

        return found;
    }

    [GeneratedRegex(@"^(\d+) /proc/(\d+)/ns/net$")]
    private static partial Regex ProcessLine();

    [GeneratedRegex(@"^/proc/(\d+)/(cgroup|comm):")]
    private static partial Regex PerProcessLine();
}
