using System.Globalization;

namespace TwTools;

/// <summary>
/// The kernel's own TCP totals from /proc/net/sockstat and sockstat6 (what <c>ss -s</c> prints):
/// cheap to read at any socket count, and the only place orphans and TCP memory show.
/// </summary>
public sealed record SockstatCounters
{
    public long? InUse { get; init; }

    public long? InUse6 { get; init; }

    public long? Orphans { get; init; }

    /// <summary>TIME_WAIT sockets of both families as the kernel counts them.</summary>
    public long? TimeWait { get; init; }

    public long? Allocated { get; init; }

    /// <summary>Pages of memory TCP buffers hold (compare with net.ipv4.tcp_mem).</summary>
    public long? MemoryPages { get; init; }

    internal static SockstatCounters Parse(string? sockstat, string? sockstat6)
    {
        var tcp = Fields(sockstat, "TCP:");
        var tcp6 = Fields(sockstat6, "TCP6:");
        return new SockstatCounters
        {
            InUse = Get(tcp, "inuse"),
            Orphans = Get(tcp, "orphan"),
            TimeWait = Get(tcp, "tw"),
            Allocated = Get(tcp, "alloc"),
            MemoryPages = Get(tcp, "mem"),
            InUse6 = Get(tcp6, "inuse"),
        };
    }

    // "TCP: inuse 5 orphan 0 tw 3 alloc 7 mem 1": name/value pairs after the prefix.
    private static Dictionary<string, long> Fields(string? content, string prefix)
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        var line = content?.Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        if (line is null)
        {
            return fields;
        }

        var words = line[prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i + 1 < words.Length; i += 2)
        {
            if (long.TryParse(words[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                fields[words[i]] = value;
            }
        }

        return fields;
    }

    private static long? Get(Dictionary<string, long> fields, string name) => fields.TryGetValue(name, out var value) ? value : null;
}
