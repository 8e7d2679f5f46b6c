using System.Globalization;
using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>
/// A Kubernetes node as containerd lays it out, built here without a kubelet: a pod's sandbox process in a cgroup at the
/// kubelet's path (kubepods/QOS/podUID/CONTAINER, cgroupfs driver) and in a network namespace held by a /run/netns/cni-*
/// file, as the CNI plugins leave it. --all-netns must find it and name it as that pod, once.
/// </summary>
public class KubernetesNodeLayoutTests
{
    [Fact]
    public void A_pod_sandbox_under_kubelet_cgroups_is_found_and_named_as_the_pod()
    {
        using var ns = new TestNamespace();
        var podUid = Guid.NewGuid().ToString();
        var container = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        // Under a directory of this test's own, so nothing of the machine's cgroup tree is left behind.
        var top = "/sys/fs/cgroup/pids/twt-" + Guid.NewGuid().ToString("N")[..8];
        var cgroup = Path.Combine(top, "kubepods/besteffort", "pod" + podUid, container);
        var cni = "/run/netns/cni-" + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(cgroup);
        using var sandbox = PeerProcess.StartCommand(ns, "sleep", "60");
        try
        {
            File.WriteAllText(Path.Combine(cgroup, "cgroup.procs"), sandbox.Pid.ToString(CultureInfo.InvariantCulture));
            // The CNI plugin's file for the sandbox's namespace: a second name for the same inode.
            File.WriteAllText(cni, string.Empty);
            Shell.Check("mount", "--bind", "/run/netns/" + ns.Name, cni);

            var result = Shell.Run(Cli.Command()[0], [.. Cli.Command().Skip(1), "exhaustion", "--all-netns", "--json"], TimeSpan.FromSeconds(120));

            Assert.True(result.ExitCode is 0 or 1, result.ToString());
            var pods = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray()
                .Select(r => r.GetProperty("networkNamespace"))
                .Where(n => n.GetProperty("containerId").ValueKind == JsonValueKind.String && n.GetProperty("containerId").GetString() == container)
                .ToList();
            var pod = Assert.Single(pods);
            Assert.Equal(("Pod", "containerd", podUid[..12], $"pod:{podUid[..12]}"),
                (pod.GetProperty("kind").GetString(), pod.GetProperty("runtime").GetString(), pod.GetProperty("pod").GetString(), pod.GetProperty("label").GetString()));
        }
        finally
        {
            Shell.Run("umount", cni);
            File.Delete(cni);
            sandbox.Dispose();
            // The cgroups can go once their process has, deepest first.
            SpinWait.SpinUntil(() => Shell.Run("rmdir", cgroup).ExitCode == 0, TimeSpan.FromSeconds(10));
            for (var directory = Path.GetDirectoryName(cgroup)!; directory.StartsWith(top, StringComparison.Ordinal); directory = Path.GetDirectoryName(directory)!)
            {
                Shell.Run("rmdir", directory);
            }
        }
    }

    [Fact]
    public void Without_the_privilege_to_enter_the_error_says_what_is_missing()
    {
        using var ns = new TestNamespace();
        var twtools = Cli.Command("kernel", "--netns", ns.Name);

        var result = Shell.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--", .. twtools], TimeSpan.FromSeconds(60));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("TwTools.Namespace.NotPermitted", result.StdErr);
        Assert.Contains("root or CAP_SYS_ADMIN", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }
}
