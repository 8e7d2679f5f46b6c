namespace TwTools;

/// <summary>
/// One TIME_WAIT-related key on one host: what the kernel runs with, what it gets at boot and from
/// which file, what it means, and (with a policy) whether it complies. This is the object
/// Get-TwKernelPolicy emits and <c>twtools kernel --json</c> prints.
/// </summary>
public sealed class KernelSettingState
{
    public required string Host { get; init; }

    /// <summary>The network namespace read (a container's, a pod's, an ip netns); null for the host as TwTools found it.</summary>
    public NetworkNamespace? NetworkNamespace { get; init; }

    public required string Key { get; init; }

    /// <summary>The host's kernel release, so a missing key can be read against it.</summary>
    public required string KernelRelease { get; init; }

    /// <summary>TcpExt TCPTimeWaitOverflow: TIME_WAIT sockets destroyed early because tcp_max_tw_buckets was full.</summary>
    public long? TimeWaitOverflow { get; init; }

    /// <summary>False when this kernel has no such key (tcp_tw_recycle since 4.12, tcp_tw_reuse_delay before 6.13).</summary>
    public required bool Exists { get; init; }

    public string? Runtime { get; init; }

    /// <summary>The value the key gets at boot from sysctl.d / sysctl.conf; null when no file sets it.</summary>
    public string? Persisted { get; init; }

    /// <summary>The file whose line wins at boot, as <c>path:line</c>.</summary>
    public string? PersistedSource { get; init; }

    public string? Default { get; init; }

    public required string Meaning { get; init; }

    public required string Availability { get; init; }

    /// <summary>The policy evaluated against, if any.</summary>
    public string? Policy { get; init; }

    /// <summary>The sysctl.d file the policy persists to; null without a policy, or when it does not persist.</summary>
    public string? PersistFile { get; init; }

    public string? Expected { get; init; }

    /// <summary>True when TwTools added the expectation (timestamps for reuse) rather than the policy.</summary>
    public bool Enforced { get; init; }

    /// <summary>Null without a policy, or for keys the policy does not set.</summary>
    public bool? Compliant { get; init; }

    /// <summary>Why the key is not compliant, or a note on how it is (absent key read as disabled).</summary>
    public string? Reason { get; init; }

    public override string ToString() =>
        $"{Host}: {Key} = {(Exists ? Runtime : "(absent)")}{(Compliant is { } ok ? ok ? " (complies)" : $" (does not comply: {Reason})" : string.Empty)}";
}
