using TwTools.Engine.SysctlD;

namespace TwTools.Engine.Kernel;

/// <summary>
/// Everything TwTools needs to know about one host's kernel settings, read in one go. A local host
/// fills it from files; a remote host will fill it from one round trip. Planning and reporting work
/// only on this, so they behave the same wherever the host is.
/// </summary>
internal sealed class KernelSnapshot
{
    public required string HostName { get; init; }

    public required string KernelRelease { get; init; }

    /// <summary>Runtime values as the kernel prints them, by key; a key absent on this kernel is missing.</summary>
    public required IReadOnlyDictionary<string, string> Runtime { get; init; }

    public required SysctlConfigSet Persisted { get; init; }

    /// <summary>The network namespace read, when a target named one; null for the host as TwTools found it.</summary>
    public NetworkNamespace? Namespace { get; init; }

    /// <summary>
    /// Set for a namespace that is not the host's: it has no sysctl.d (Persisted is empty) and gets its values from
    /// its owner when it is made.
    /// </summary>
    public NamespaceOwner? Owner { get; init; }

    /// <summary>
    /// TwTools runs in a namespace that is not the host's, and the sysctl.d it read is the host's (nsenter -n keeps the
    /// host's files): Persisted is the host's boot configuration, which never reaches this namespace.
    /// </summary>
    public bool SysctlDIsHosts { get; init; }

    /// <summary><c>net.ipv4.ip_unprivileged_port_start</c>: the lowest port the ephemeral range may start at.</summary>
    public int UnprivilegedPortStart { get; init; } = 1024;

    /// <summary><c>TcpExt: TCPTimeWaitOverflow</c>: TIME_WAIT sockets destroyed early because tcp_max_tw_buckets was reached.</summary>
    public long? TimeWaitOverflow { get; init; }

    /// <summary>The host, and the namespace when one was named: how messages name what they are about.</summary>
    public string DisplayName => Namespace is null ? HostName : $"{HostName} [{Namespace.Label}]";

    public bool Exists(string key) => Runtime.ContainsKey(key);

    public string? RuntimeValue(string key) => Runtime.TryGetValue(key, out var value) ? value : null;
}
