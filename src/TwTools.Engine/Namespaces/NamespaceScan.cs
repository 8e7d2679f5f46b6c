using System.Globalization;

namespace TwTools.Engine.Namespaces;

/// <summary>One pass over /proc/*/ns/net and the namespace-file directories: which namespaces exist, who holds each.</summary>
internal sealed class NamespaceScan
{
    private const int CgroupLooks = 3;

    public ulong? HostInode { get; private init; }

    /// <summary>Each namespace once, in the order found: processes by pid, then namespaces only files hold.</summary>
    public List<ulong> Inodes { get; } = [];

    public Dictionary<ulong, int> FirstProcess { get; } = [];

    public Dictionary<ulong, List<string>> Files { get; } = [];

    public Dictionary<ulong, ContainerCgroup.Match> Containers { get; } = [];

    public static NamespaceScan Run(IEnumerable<string> fileDirectories, CancellationToken cancellation)
    {
        var host = NamespaceInode.Host();
        var scan = new NamespaceScan { HostInode = host >= 0 ? (ulong)host : (ulong)Math.Max(0, NamespaceInode.Current()) };
        var looked = new Dictionary<ulong, int>();
        foreach (var pid in Processes())
        {
            cancellation.ThrowIfCancellationRequested();
            var inode = NamespaceInode.Of($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net");
            if (inode < 0)
            {
                continue; // gone since the listing, a kernel thread, or not ours to see
            }

            var key = (ulong)inode;
            if (scan.FirstProcess.TryAdd(key, pid))
            {
                scan.Inodes.Add(key);
            }

            // The first processes of a namespace say whose container it is (a helper entered with nsenter may not).
            if (key != scan.HostInode && !scan.Containers.ContainsKey(key) && looked.GetValueOrDefault(key) < CgroupLooks)
            {
                looked[key] = looked.GetValueOrDefault(key) + 1;
                if (ContainerCgroup.Parse(ReadSmall($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/cgroup")) is { } match)
                {
                    scan.Containers[key] = match;
                }
            }
        }

        foreach (var directory in fileDirectories.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
            {
                var inode = NamespaceInode.Of(file);
                if (inode < 0)
                {
                    continue; // a file left behind by a namespace that is gone (not a mount point any more)
                }

                var key = (ulong)inode;
                if (!scan.Files.TryGetValue(key, out var files))
                {
                    scan.Files[key] = files = [];
                    if (!scan.FirstProcess.ContainsKey(key))
                    {
                        scan.Inodes.Add(key);
                    }
                }

                files.Add(file);
            }
        }

        return scan;
    }

    public string Command(int pid) => ReadSmall($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/comm")?.TrimEnd('\n') ?? "?";

    private static IEnumerable<int> Processes() =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Order();

    private static string? ReadSmall(string path)
    {
        try
        {
            return LocalMachine.ProcSysFile.Read(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
