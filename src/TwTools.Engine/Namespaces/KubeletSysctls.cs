namespace TwTools.Engine.Namespaces;

/// <summary>
/// Which TIME_WAIT keys the kubelet lets a pod set without --allowed-unsafe-sysctls, and from which Kubernetes release.
/// From kubernetes/kubernetes pkg/kubelet/sysctl/safe_sysctls.go: ip_local_port_range has always been in the safe set;
/// ip_local_reserved_ports joined it in 1.27 and tcp_fin_timeout in 1.29 (both absent at commit 0167a9f, present at
/// b0cb9cc, each gated on the kernel release that namespaced it). tcp_tw_reuse, tcp_timestamps, tcp_max_tw_buckets,
/// tcp_tw_reuse_delay and ip_autobind_reuse are in no release's safe set.
/// </summary>
internal static class KubeletSysctls
{
    private static readonly Dictionary<string, string> SafeSince = new(StringComparer.Ordinal)
    {
        ["net.ipv4.ip_local_port_range"] = "every release",
        ["net.ipv4.ip_local_reserved_ports"] = "Kubernetes 1.27",
        ["net.ipv4.tcp_fin_timeout"] = "Kubernetes 1.29",
    };

    /// <summary>Null when the kubelet treats the key as unsafe.</summary>
    public static string? SafeFrom(string key) => SafeSince.GetValueOrDefault(key);
}
