using System.Globalization;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// Finds this machine's network namespaces and names them: one per inode, whether a process holds it (/proc/PID/ns/net)
/// or only a file does (/run/netns/NAME, docker's /run/docker/netns/ID). A process's cgroup says which runtime's
/// container it is and the runtime says its name; otherwise an ip netns name, else the first process's.
/// </summary>
internal static class NamespaceDiscovery
{
    /// <summary>Where ip netns, podman (netns-UUID) and docker (its exec-root) keep namespace files.</summary>
    public static string[] FileDirectories { get; } = ["/run/netns", "/run/docker/netns"];

    /// <summary>Every distinct namespace here, the host's first, then the others by label.</summary>
    public static IReadOnlyList<NetworkNamespace> All(CancellationToken cancellation) => Listing(cancellation).Namespaces;

    /// <summary>Every distinct namespace here, and how many processes' namespaces this user was not permitted to look at.</summary>
    public static (IReadOnlyList<NetworkNamespace> Namespaces, int NotPermitted) Listing(CancellationToken cancellation)
    {
        var scan = NamespaceScan.Run(FileDirectories, cancellation);
        return (From(scan, Names(scan, cancellation)), scan.NotPermitted);
    }

    /// <summary>The namespaces a scan found (here or on a remote host), named with what the runtimes said, the host's first.</summary>
    public static IReadOnlyList<NetworkNamespace> From(NamespaceScan scan, ContainerDirectory? names) =>
        scan.Inodes.Select(i => Describe(scan, i, names)).OrderBy(n => n.IsHost ? 0 : 1).ThenBy(n => n.Label, StringComparer.Ordinal).ToList();

    /// <summary>The namespace process <paramref name="pid"/> runs in.</summary>
    public static NetworkNamespace OfProcess(int pid, CancellationToken cancellation)
    {
        var path = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net";
        return OfFile(path, $"process {pid.ToString(CultureInfo.InvariantCulture)}", cancellation);
    }

    /// <summary>An ip netns name (/run/netns/NAME) or a namespace file's path.</summary>
    public static NetworkNamespace OfNameOrFile(string nameOrPath, CancellationToken cancellation) =>
        nameOrPath.Contains('/', StringComparison.Ordinal)
            ? OfFile(nameOrPath, nameOrPath, cancellation)
            : OfFile(Path.Combine("/run/netns", nameOrPath), $"network namespace '{nameOrPath}'", cancellation);

    /// <summary>The namespaces of the containers or pods named (one per namespace: a pod's containers share one).</summary>
    public static IReadOnlyList<NetworkNamespace> OfContainer(string nameOrId, CancellationToken cancellation)
    {
        var directory = ContainerDirectory.Load(ContainerDirectory.Listers, cancellation);
        var matches = directory.Matching(nameOrId);
        if (matches.Count == 0)
        {
            var problems = directory.Problems.Count > 0 ? " (" + string.Join("; ", directory.Problems) + ")" : string.Empty;
            throw NamespaceErrors.NoSuchContainer(nameOrId, problems);
        }

        var found = new List<NetworkNamespace>();
        NamespaceScan? scan = null;
        foreach (var container in matches)
        {
            if (container.Runtime == CriListing.Runtime)
            {
                // crictl says a pod's uid, not its process (that takes an inspect whose shape each CRI runtime chooses):
                // the kubelet's cgroups say which processes, and so which namespace, are the pod's.
                scan ??= NamespaceScan.Run(FileDirectories, cancellation);
                var inodes = scan.Containers.Where(c => c.Value.PodId is { } uid && uid == container.PodId).Select(c => c.Key).ToList();
                if (inodes.Count == 0)
                {
                    throw NamespaceErrors.NotRunning(container.PodName ?? container.Id);
                }

                found.AddRange(inodes.Where(i => found.All(f => f.Inode != i)).Select(i => Describe(scan, i, directory)));
                continue;
            }

            var pid = container.ProcessId ?? ContainerInspect.ProcessOf(container, cancellation) ?? throw NamespaceErrors.NotRunning(container.Name);
            var inode = NamespaceInode.Of($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net");
            if (inode >= 0 && found.All(f => f.Inode != (ulong)inode))
            {
                found.Add(Label((ulong)inode, $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/ns/net", pid, container, directory));
            }
        }

        return found;
    }

    private static NetworkNamespace OfFile(string path, string what, CancellationToken cancellation)
    {
        var inode = NamespaceInode.OfNamespaceFile(path);
        if (inode < 0)
        {
            throw NamespaceErrors.CannotOpen(what, path, (int)-inode);
        }

        // Named as --all-netns names it, so one namespace reads the same whichever way it was asked for.
        var scan = NamespaceScan.Run(FileDirectories, cancellation);
        var known = scan.Inodes.Contains((ulong)inode) ? Describe(scan, (ulong)inode, Names(scan, cancellation)) : null;
        return known is null ? new NetworkNamespace { Inode = (ulong)inode, Label = $"file:{path}", Kind = NetworkNamespace.NamedKind, Path = path }
            : new NetworkNamespace
            {
                Inode = known.Inode, Label = known.Label, Kind = known.Kind, Runtime = known.Runtime, Container = known.Container,
                ContainerId = known.ContainerId, Pod = known.Pod, PodNamespace = known.PodNamespace, ProcessId = known.ProcessId, Path = path,
            };
    }

    private static ContainerDirectory? Names(NamespaceScan scan, CancellationToken cancellation)
    {
        var runtimes = scan.Containers.Values.Select(c => c.Runtime).Where(r => ContainerDirectory.Listers.Contains(ContainerDirectory.ListedBy(r))).ToList();
        return runtimes.Count == 0 ? null : ContainerDirectory.Load(runtimes, cancellation);
    }

    private static NetworkNamespace Describe(NamespaceScan scan, ulong inode, ContainerDirectory? names)
    {
        var pid = scan.FirstProcess.TryGetValue(inode, out var p) ? p : (int?)null;
        var path = pid is { } held ? $"/proc/{held.ToString(CultureInfo.InvariantCulture)}/ns/net" : scan.Files[inode][0];
        if (inode == scan.HostInode)
        {
            return new NetworkNamespace { Inode = inode, Label = "host", Kind = NetworkNamespace.HostKind, ProcessId = pid, Path = path };
        }

        if (scan.Containers.TryGetValue(inode, out var cgroup))
        {
            var bundle = names?.Find(cgroup.Runtime, cgroup.Id) is null ? scan.Bundle?.Invoke(cgroup.Runtime, cgroup.Id) : null;
            var info = names?.Find(cgroup.Runtime, cgroup.Id) ?? (bundle is null ? null : bundle with { PodId = bundle.PodId ?? cgroup.PodId })
                ?? new ContainerInfo(cgroup.Runtime, cgroup.Id, string.Empty) { PodId = cgroup.PodId };
            return Label(inode, path, pid, info, names);
        }

        if (scan.Files.TryGetValue(inode, out var files) && files.Select(Path.GetFileName).FirstOrDefault(f => f is not null && !f.StartsWith("netns-", StringComparison.Ordinal)) is { } name)
        {
            return new NetworkNamespace { Inode = inode, Label = $"netns:{name}", Kind = NetworkNamespace.NamedKind, ProcessId = pid, Path = path };
        }

        var command = pid is { } first ? scan.Command(first) : null;
        return new NetworkNamespace
        {
            Inode = inode,
            Label = pid is { } owner ? $"pid:{owner.ToString(CultureInfo.InvariantCulture)}({command})" : $"file:{path}",
            Kind = pid is null ? NetworkNamespace.NamedKind : NetworkNamespace.ProcessKind,
            ProcessId = pid,
            Path = path,
        };
    }

    // A container of a pod is shown as its pod: the pod's containers share the namespace.
    private static NetworkNamespace Label(ulong inode, string path, int? pid, ContainerInfo container, ContainerDirectory? names)
    {
        var shortId = container.Id.Length > 12 ? container.Id[..12] : container.Id;
        var pod = container.PodName is not null ? container : container.PodId is { } podId ? names?.All.FirstOrDefault(c => c.PodId == podId && c.PodName is not null) : null;
        var inPod = container.PodId is not null;
        var shownPod = pod?.PodName ?? (container.PodId is { Length: > 12 } id ? id[..12] : container.PodId);
        var podNamespace = pod?.PodNamespace;
        return new NetworkNamespace
        {
            Inode = inode,
            Label = inPod ? $"pod:{(podNamespace is null ? string.Empty : podNamespace + "/")}{shownPod}" : $"{container.Runtime}:{(container.Name.Length > 0 ? container.Name : shortId)}",
            Kind = inPod ? NetworkNamespace.PodKind : NetworkNamespace.ContainerKind,
            Runtime = container.Runtime,
            Container = container.IsInfra || container.Name.Length == 0 ? null : container.Name,
            ContainerId = container.Id,
            Pod = inPod ? shownPod : null,
            PodNamespace = inPod ? podNamespace : null,
            ProcessId = pid,
            Path = path,
        };
    }
}
