namespace TwTools.Engine.Sockets;

/// <summary>
/// Socket inode to owning process, found the only way Linux offers: every /proc/&lt;pid&gt;/fd link
/// that reads <c>socket:[inode]</c>. It costs a readlink per descriptor on the host, so it is built
/// only when asked for. TIME_WAIT sockets have no inode and no owner: the process is gone from them.
/// </summary>
internal sealed class SocketOwnerIndex
{
    private readonly Dictionary<ulong, SocketOwner> _owners;

    private SocketOwnerIndex(Dictionary<ulong, SocketOwner> owners) => _owners = owners;

    public static SocketOwnerIndex Empty { get; } = new([]);

    /// <summary>An index of known owners, for a recording or a test.</summary>
    public static SocketOwnerIndex Of(IReadOnlyDictionary<ulong, SocketOwner> owners) => new(owners.ToDictionary());

    public int Count => _owners.Count;

    public SocketOwner? Find(ulong inode) => inode != 0 && _owners.TryGetValue(inode, out var owner) ? owner : null;

    public static SocketOwnerIndex Build(string procRoot, CancellationToken cancellation)
    {
        var owners = new Dictionary<ulong, SocketOwner>();
        foreach (var processDirectory in SafeEnumerate(() => Directory.EnumerateDirectories(procRoot)))
        {
            cancellation.ThrowIfCancellationRequested();
            if (!int.TryParse(Path.GetFileName(processDirectory), out var pid))
            {
                continue;
            }

            string? name = null;
            foreach (var fd in SafeEnumerate(() => Directory.EnumerateFileSystemEntries(Path.Combine(processDirectory, "fd"))))
            {
                var inode = SocketInode(fd);
                if (inode is null || owners.ContainsKey(inode.Value))
                {
                    continue;
                }

                name ??= ReadName(processDirectory);
                owners[inode.Value] = new SocketOwner(pid, name);
            }
        }

        return new SocketOwnerIndex(owners);
    }

    private static ulong? SocketInode(string fdPath)
    {
        string? target;
        try
        {
            target = new FileInfo(fdPath).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        const string prefix = "socket:[";
        return target is not null && target.StartsWith(prefix, StringComparison.Ordinal) && target.EndsWith(']')
               && ulong.TryParse(target.AsSpan(prefix.Length, target.Length - prefix.Length - 1), out var inode)
            ? inode
            : null;
    }

    private static string ReadName(string processDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(processDirectory, "comm")).TrimEnd('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    // Processes exit and deny access while we walk; neither is an error for a listing.
    private static IEnumerable<string> SafeEnumerate(Func<IEnumerable<string>> enumerate)
    {
        string[] entries;
        try
        {
            entries = enumerate().ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }

        return entries;
    }
}
