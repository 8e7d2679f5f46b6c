namespace TwTools.Engine.Namespaces;

/// <summary>
/// Where TwTools itself runs: the host's network namespace, or another one (under nsenter, ip netns exec, or inside a
/// container). In another one its runtime values are that namespace's, and its /etc/sysctl.d may still be the host's
/// (nsenter -n keeps the host's files): a persisted file there would change the host's boot values and never reach it.
/// </summary>
internal sealed record OwnNamespace(NetworkNamespace Identity, bool SysctlDIsHosts)
{
    /// <summary>Null in the host's namespace, or where the host's cannot be told (process 1 is not ours to look at).</summary>
    public static OwnNamespace? Detect(LocalMachine.SystemPaths paths, CancellationToken cancellation)
    {
        var (host, current) = (NamespaceInode.Host(), NamespaceInode.Current());
        if (host < 0 || current < 0 || host == current)
        {
            return null;
        }

        var identity = NamespaceDiscovery.OfNameOrFile("/proc/thread-self/ns/net", cancellation);
        var ours = NamespaceInode.FileIdentity(paths.Physical("/etc/sysctl.d")) ?? NamespaceInode.FileIdentity(paths.Physical("/etc"));
        var hosts = NamespaceInode.FileIdentity($"/proc/{NamespaceInode.HostProcess}/root/etc/sysctl.d") ?? NamespaceInode.FileIdentity($"/proc/{NamespaceInode.HostProcess}/root/etc");
        return new OwnNamespace(identity, ours is not null && ours == hosts);
    }
}
