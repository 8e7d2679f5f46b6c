namespace TwTools.Engine.SysctlD;

/// <summary>
/// All sysctl configuration files of a host, in the order they are applied at boot, so TwTools can
/// say which value a key gets and which file gives it, and whether a file it writes would be
/// overridden by a later one.
/// </summary>
internal sealed class SysctlConfigSet
{
    private readonly Dictionary<string, List<SysctlAssignment>> _byKey = new(StringComparer.Ordinal);
    private readonly List<SysctlAssignment> _globs = [];
    private readonly List<SysctlAssignment> _excluded = [];

    private SysctlConfigSet(IReadOnlyList<SysctlConfFile> all, IReadOnlyList<SysctlConfFile> applied)
    {
        AllFiles = all;
        AppliedFiles = applied;
        foreach (var file in applied)
        {
            foreach (var assignment in file.Assignments)
            {
                if (assignment.IsGlob || assignment.Excludes)
                {
                    (assignment.Excludes ? _excluded : _globs).Add(assignment);
                    continue;
                }

                if (!_byKey.TryGetValue(assignment.Key, out var list))
                {
                    _byKey[assignment.Key] = list = new List<SysctlAssignment>();
                }

                list.Add(assignment);
            }
        }
    }

    public static SysctlConfigSet Empty { get; } = FromFiles(Array.Empty<SysctlConfFile>());

    /// <summary>Every file that was read, masked or not.</summary>
    public IReadOnlyList<SysctlConfFile> AllFiles { get; }

    /// <summary>The files applied at boot, in application order.</summary>
    public IReadOnlyList<SysctlConfFile> AppliedFiles { get; }

    public static SysctlConfigSet FromFiles(IEnumerable<SysctlConfFile> files)
    {
        var all = files.ToList();
        var winners = new Dictionary<string, SysctlConfFile>(StringComparer.Ordinal);
        foreach (var file in all.Where(f => f.Path != SysctlLocations.SysctlConf && f.Path.EndsWith(".conf", StringComparison.Ordinal)))
        {
            var rank = SysctlLocations.DirectoryRank(file.Path);
            if (rank == int.MaxValue)
            {
                continue;
            }

            if (!winners.TryGetValue(file.FileName, out var current) || rank < SysctlLocations.DirectoryRank(current.Path))
            {
                winners[file.FileName] = file;
            }
        }

        // By the bytes of the name, as systemd-sysctl sorts (UTF-16 order differs past U+FFFF).
        var applied = winners.Values.OrderBy(f => f.FileName, Utf8Order.Instance).ToList();
        var sysctlConf = all.FirstOrDefault(f => f.Path == SysctlLocations.SysctlConf);
        var alreadyLinked = applied.Any(f => f.LinkTarget == SysctlLocations.SysctlConf);
        if (sysctlConf is not null && !alreadyLinked)
        {
            applied.Add(sysctlConf);
        }

        return new SysctlConfigSet(all, applied);
    }

    /// <summary>The value the key gets at boot, or null when no file sets it.</summary>
    public PersistedSetting? Effective(string key)
    {
        // An explicit line wins over every glob, wherever it stands (sysctl.d(5)); a "-key" line keeps globs off the key.
        var last = _byKey.TryGetValue(key, out var list) && list.Count > 0 ? list[^1]
            : _excluded.Any(e => e.Key == key || e.Matches(key)) ? null
            : _globs.LastOrDefault(g => g.Matches(key));
        return last is null ? null : new PersistedSetting(key, KernelReading.Of(key, last.Value), last.File, last.Line);
    }

    public IReadOnlyList<SysctlAssignment> AssignmentsFor(string key) =>
        _byKey.TryGetValue(key, out var list) ? list : Array.Empty<SysctlAssignment>();

    public SysctlConfFile? Find(string path) => AllFiles.FirstOrDefault(f => f.Path == path);

    /// <summary>The same host as it would be with <paramref name="path"/> holding <paramref name="content"/>.</summary>
    public SysctlConfigSet With(string path, string content)
    {
        var files = AllFiles.Where(f => f.Path != path).Append(new SysctlConfFile(path, content)).ToList();
        return FromFiles(files);
    }
}
