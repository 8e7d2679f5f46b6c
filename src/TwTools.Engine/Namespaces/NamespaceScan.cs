using System.Globalization;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// One pass over the namespaces of a machine: which exist, who holds each. Filled from this machine's /proc/*/ns/net and
/// namespace-file directories (<see cref="Run"/>), or from a remote host's answer to the same questions.
/// </summary>
internal sealed class NamespaceScan
{
    private const int CgroupLooks = 3;
    private readonly Dictionary<ulong, int> _looked = [];
    private readonly Func<int, string?> _command;

    public NamespaceScan(ulong? hostInode, Func<int, string?> command) => (HostInode, _command) = (hostInode, command);

    public ulong? HostInode { get; }

    /// <summary>Each namespace once, in the order found: processes by pid, then namespaces only files hold.</summary>
    public List<ulong> Inodes { get; } = [];

    public Dictionary<ulong, int> FirstProcess { get; } = [];

    public Dictionary<ulong, List<string>> Files { get; } = [];

    public Dictionary<ulong, ContainerCgroup.Match> Containers { get; } = [];

    /// <summary>A container as its CRI runtime's bundle on this machine names it (<see cref="BundleAnnotations"/>); null for a remote host's scan.</summary>
    public Func<string, string, ContainerInfo?>? Bundle { get; init; }

    /// <summary>Processes whose namespace this user may not look at (another user's, without CAP_SYS_PTRACE): what a listing could not see.</summary>
    public int NotPermitted { get; private set; }

    public static NamespaceScan Run(IEnumerable<string> fileDirectories, CancellationToken cancellation)
    {
        var host = NamespaceInode.Host();
        var paths = LocalMachine.SystemPaths.FromEnvironment();
        var scan = new NamespaceScan(host >= 0 ? (ulong)host : (ulong)Math.Max(0, NamespaceInode.Current()), pid => ReadSmall(Proc(pid, "comm"))?.TrimEnd('\n'))
        {
            Bundle = (runtime, id) => BundleAnnotations.Find(paths, runtime, id),
        };
        foreach (var pid in Processes())
        {
            cancellation.ThrowIfCancellationRequested();
            var inode = NamespaceInode.Of(Proc(pid, "ns/net"));
            scan.NotPermitted += inode is -Interop.Libc.EACCES or -Interop.Libc.EPERM ? 1 : 0;
            if (inode >= 0)
            {
                // Gone since the listing, a kernel thread, or not ours to see: skipped.
                scan.AddProcess((ulong)inode, pid, () => ReadSmall(Proc(pid, "cgroup")));
            }
        }

        foreach (var file in fileDirectories.Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d).Order(StringComparer.Ordinal)))
        {
            var inode = NamespaceInode.OfNamespaceFile(file);
            if (inode >= 0)
            {
                // A file left behind by a namespace that is gone (not a mount point any more) is not one.
                scan.AddFile((ulong)inode, file);
            }
        }

        return scan;
    }

    /// <param name="cgroup">Asked only for the first processes of a namespace, which say whose container it is (a helper entered with nsenter may not).</param>
    public void AddProcess(ulong inode, int pid, Func<string?> cgroup)
    {
        if (FirstProcess.TryAdd(inode, pid))
        {
            Inodes.Add(inode);
        }

        if (inode != HostInode && !Containers.ContainsKey(inode) && _looked.GetValueOrDefault(inode) < CgroupLooks)
        {
            _looked[inode] = _looked.GetValueOrDefault(inode) + 1;
            if (ContainerCgroup.Parse(cgroup()) is { } match)
            {
                Containers[inode] = match;
            }
        }
    }

    public void AddFile(ulong inode, string path)
    {
        if (!Files.TryGetValue(inode, out var files))
        {
            Files[inode] = files = [];
            if (!FirstProcess.ContainsKey(inode))
            {
                Inodes.Add(inode);
            }
        }

        files.Add(path);
    }

    public string Command(int pid) => _command(pid) ?? "?";

    private static string Proc(int pid, string file) => $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/{file}";

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
