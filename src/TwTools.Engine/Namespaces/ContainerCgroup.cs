using System.Text.RegularExpressions;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// Which runtime's container a process runs in, read from /proc/PID/cgroup as each runtime lays its cgroups out:
/// podman under cgroupfs (/libpod_parent/[POD/]libpod-ID) or systemd (libpod-ID.scope), docker (/docker/ID,
/// docker-ID.scope), and Kubernetes with containerd or CRI-O (kubepods .../pod UID/ID, cri-containerd-ID.scope).
/// </summary>
internal static partial class ContainerCgroup
{
    public sealed record Match(string Runtime, string Id, string? PodId);

    public static Match? Parse(string? cgroupText)
    {
        foreach (var line in (cgroupText ?? string.Empty).Split('\n'))
        {
            // "N:controllers:/path" (v1) or "0::/path" (v2): the path is after the second colon.
            var colon = line.IndexOf(':', line.IndexOf(':') + 1);
            if (colon >= 0 && Of(line[(colon + 1)..]) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    private static Match? Of(string path)
    {
        if (Kubernetes().Match(path) is { Success: true } k)
        {
            var runtime = k.Groups["crio"].Success ? "cri-o" : "containerd";
            return new Match(runtime, k.Groups["id"].Value, k.Groups["pod"].Value.Replace('_', '-'));
        }

        if (Podman().Match(path) is { Success: true } p)
        {
            return new Match("podman", p.Groups["id"].Value, p.Groups["pod"].Success ? p.Groups["pod"].Value : null);
        }

        return Docker().Match(path) is { Success: true } d ? new Match("docker", d.Groups["id"].Value, null) : null;
    }

    [GeneratedRegex(@"kubepods.*?pod(?<pod>[0-9a-f]{8}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{4}[-_][0-9a-f]{12})(\.slice)?/(?:(?<crio>crio-)|cri-containerd-|docker-)?(?<id>[0-9a-f]{64})(\.scope)?$")]
    private static partial Regex Kubernetes();

    [GeneratedRegex(@"(?:/libpod_parent/(?:(?<pod>[0-9a-f]{64})/)?libpod-|/machine-libpod_pod_(?<pod>[0-9a-f]{64})\.slice/libpod-|/libpod-)(?<id>[0-9a-f]{64})(\.scope)?(/container)?$")]
    private static partial Regex Podman();

    [GeneratedRegex(@"/(?:docker/|docker-)(?<id>[0-9a-f]{64})(\.scope)?$")]
    private static partial Regex Docker();
}
