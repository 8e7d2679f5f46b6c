using TwTools.Engine.Text;

namespace TwTools.Engine.Kernel;

/// <summary>
/// The TIME_WAIT-related keys TwTools reads and sets. The order is the order runtime writes happen
/// in: <c>tcp_timestamps</c> comes before <c>tcp_tw_reuse</c> so reuse is never switched on, even for
/// a moment, on a host whose timestamps are off.
/// </summary>
public static class KernelSettingCatalog
{
    public const string TcpTimestamps = "net.ipv4.tcp_timestamps";
    public const string TcpTwReuse = "net.ipv4.tcp_tw_reuse";
    public const string TcpTwReuseDelay = "net.ipv4.tcp_tw_reuse_delay";
    public const string TcpTwRecycle = "net.ipv4.tcp_tw_recycle";
    public const string IpLocalPortRange = "net.ipv4.ip_local_port_range";
    public const string IpLocalReservedPorts = "net.ipv4.ip_local_reserved_ports";
    public const string TcpFinTimeout = "net.ipv4.tcp_fin_timeout";
    public const string TcpMaxTwBuckets = "net.ipv4.tcp_max_tw_buckets";
    public const string IpAutobindReuse = "net.ipv4.ip_autobind_reuse";

    /// <summary>Not a policy key: read so port ranges can be checked against it.</summary>
    public const string IpUnprivilegedPortStart = "net.ipv4.ip_unprivileged_port_start";

    private static readonly KernelSettingDefinition[] Definitions =
    {
        new()
        {
            Key = TcpTimestamps,
            Kind = SettingValueKind.Integer,
            AllowedValues = new long[] { 0, 1, 2 },
            DefaultValue = "1",
            Meaning = "TCP timestamps (RFC 7323): 1 on with random per-connection offsets, 2 on without offsets, 0 off; tcp_tw_reuse needs them on to tell an old segment from a new one.",
            Availability = "all kernels; 2 only where timestamps have per-connection offsets",
        },
        new()
        {
            Key = TcpTwReuse,
            Kind = SettingValueKind.Integer,
            AllowedValues = new long[] { 0, 1, 2 },
            DefaultValue = "2",
            Meaning = "Lets a new outgoing connection take over the port of a TIME_WAIT socket when timestamps prove it safe: 0 never, 1 always, 2 only for loopback traffic.",
            Availability = "all kernels; 2 (loopback only, the current default) on newer ones",
        },
        new()
        {
            Key = TcpTwReuseDelay,
            Kind = SettingValueKind.Integer,
            Minimum = 1,
            Maximum = 60000,
            Unit = "ms",
            DefaultValue = "1000",
            Meaning = "How long a TIME_WAIT socket must have existed before tcp_tw_reuse may hand its port to a new connection.",
            Availability = "Linux 6.13 and later",
        },
        new()
        {
            Key = TcpTwRecycle,
            Kind = SettingValueKind.Integer,
            AllowedValues = new long[] { 0, 1 },
            DefaultValue = "0",
            AbsentMeansValue = "0",
            Meaning = "Fast TIME_WAIT recycling keyed on per-host timestamps; it drops connections from clients behind NAT, and TwTools never enables it.",
            Availability = "removed in Linux 4.12; absent means disabled",
        },
        new()
        {
            Key = IpLocalPortRange,
            Kind = SettingValueKind.PortRange,
            DefaultValue = "32768 60999",
            Meaning = "The ephemeral ports connect() and bind(0) choose from: every outgoing connection to one destination needs its own port from this range.",
            Availability = "all kernels",
        },
        new()
        {
            Key = IpLocalReservedPorts,
            Kind = SettingValueKind.PortList,
            DefaultValue = "",
            Meaning = "Ports inside the ephemeral range that automatic port selection skips; they shrink the range's capacity.",
            Availability = "Linux 2.6.35 and later",
        },
        new()
        {
            Key = TcpFinTimeout,
            Kind = SettingValueKind.Integer,
            Minimum = 1,
            Maximum = 2147483,
            Unit = "s",
            DefaultValue = "60",
            Meaning = "How long an orphaned connection may stay in FIN_WAIT_2; it does not shorten TIME_WAIT, which is fixed at 60 s in the kernel.",
            Availability = "all kernels",
        },
        new()
        {
            Key = TcpMaxTwBuckets,
            Kind = SettingValueKind.Integer,
            Minimum = 0,
            Maximum = int.MaxValue,
            Meaning = "The most TIME_WAIT sockets the host keeps; past it the kernel destroys them early and counts TCPTimeWaitOverflow.",
            Availability = "all kernels; default scales with memory",
        },
        new()
        {
            Key = IpAutobindReuse,
            Kind = SettingValueKind.Integer,
            AllowedValues = new long[] { 0, 1 },
            DefaultValue = "0",
            Meaning = "Lets bind() to port 0 share a port with other sockets using SO_REUSEADDR, as connect() does; widens what bind-before-connect clients can use.",
            Availability = "Linux 5.7 and later",
        },
    };

    private static readonly Dictionary<string, KernelSettingDefinition> ByKey =
        Definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);

    /// <summary>Every key, in write order.</summary>
    internal static IReadOnlyList<KernelSettingDefinition> All => Definitions;

    internal static bool TryGet(string key, out KernelSettingDefinition definition) =>
        ByKey.TryGetValue(key, out definition!);

    internal static KernelSettingDefinition Get(string key) =>
        ByKey.TryGetValue(key, out var definition)
            ? definition
            : throw new KeyNotFoundException($"'{key}' is not a key TwTools manages.");

    /// <summary>Catalog keys for argument completion: those starting with the word, or containing it after a dot ("reuse" finds tcp_tw_reuse).</summary>
    public static IEnumerable<string> CompletionsFor(string word) =>
        Definitions.Select(d => d.Key).Where(k => k.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .Concat(Definitions.Select(d => d.Key).Where(k => word.Length > 0 && !k.StartsWith(word, StringComparison.OrdinalIgnoreCase) && k.Contains(word, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Position in write order; lets plans sort their changes the way the catalog does.</summary>
    public static int OrderOf(string key) => Array.FindIndex(Definitions, d => d.Key == key);

    /// <summary>The nearest known key, for "did you mean" hints on typos.</summary>
    public static string? Suggest(string key)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var definition in Definitions)
        {
            var distance = EditDistance.Between(key, definition.Key);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = definition.Key;
            }
        }

        return bestDistance <= Math.Max(3, key.Length / 4) ? best : null;
    }
}
