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
        using var node = new NodeLayout();

        var result = Shell.Run(Cli.Command()[0], [.. Cli.Command().Skip(1), "exhaustion", "--all-netns", "--json"], TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var pod = Assert.Single(node.Mine(result.StdOut));
        Assert.Equal(("Pod", "containerd", node.PodUid[..12], $"pod:{node.PodUid[..12]}"),
            (pod.GetProperty("kind").GetString(), pod.GetProperty("runtime").GetString(), pod.GetProperty("pod").GetString(), pod.GetProperty("label").GetString()));
    }

    [Fact]
    public void With_crictl_the_pod_is_named_as_kubectl_names_it_and_found_by_pod_or_container_name()
    {
        using var node = new NodeLayout();
        var app = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        // A stand-in for crictl (no CRI runtime runs here): the CRI API's JSON, as crictl -o json prints it, for this node.
        var bin = Directory.CreateTempSubdirectory("twt-crictl-");
        try
        {
            var pods = $$$"""{"items":[{"id":"{{{node.Sandbox}}}","metadata":{"name":"web-7d9f4","uid":"{{{node.PodUid}}}","namespace":"shop","attempt":0},"state":"SANDBOX_READY","labels":{}}]}""";
            var containers = $$$"""{"containers":[{"id":"{{{app}}}","podSandboxId":"{{{node.Sandbox}}}","metadata":{"name":"client","attempt":0},"state":"CONTAINER_RUNNING","labels":{"io.kubernetes.pod.uid":"{{{node.PodUid}}}"}}]}""";
            File.WriteAllText(Path.Combine(bin.FullName, "crictl"), $"#!/bin/sh\ncase \"$1\" in\npods) echo '{pods}' ;;\nps) echo '{containers}' ;;\n*) exit 1 ;;\nesac\n");
            File.SetUnixFileMode(Path.Combine(bin.FullName, "crictl"), (UnixFileMode)0b111_101_101);
            var environment = new Dictionary<string, string> { ["PATH"] = bin.FullName + ":" + Environment.GetEnvironmentVariable("PATH") };
            ProcessResult Twtools(params string[] arguments) => Shell.Run(Cli.Command(arguments)[0], Cli.Command(arguments).Skip(1), TimeSpan.FromSeconds(120), environment);

            var listed = Twtools("exhaustion", "--all-netns", "--json");

            Assert.True(listed.ExitCode is 0 or 1, listed.ToString());
            var pod = Assert.Single(node.Mine(listed.StdOut));
            Assert.Equal(("pod:shop/web-7d9f4", "web-7d9f4", "shop", "containerd"),
                (pod.GetProperty("label").GetString(), pod.GetProperty("pod").GetString(), pod.GetProperty("podNamespace").GetString(), pod.GetProperty("runtime").GetString()));

            foreach (var name in new[] { "shop/web-7d9f4", "web-7d9f4", "client" })
            {
                var read = Twtools("exhaustion", "--container", name, "--format", "prometheus");
                Assert.True(read.ExitCode is 0 or 1, read.ToString());
                Assert.Contains("netns=\"pod:shop/web-7d9f4\"", read.StdOut);
                Assert.Contains("pod=\"web-7d9f4\"", read.StdOut);
                Assert.Contains("namespace=\"shop\"", read.StdOut);
            }
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    [Fact]
    public void Without_crictl_the_pod_is_named_from_the_annotations_in_its_containerd_bundle()
    {
        using var node = new NodeLayout();
        // The configuration root the node agent reads the node's files under (its read-only mounts): here, this test's tree.
        var root = Directory.CreateTempSubdirectory("twt-conf-");
        try
        {
            var bundle = Path.Combine(root.FullName, "run/containerd/io.containerd.runtime.v2.task/k8s.io", node.Sandbox);
            Directory.CreateDirectory(bundle);
            File.WriteAllText(Path.Combine(bundle, "config.json"), $$$"""{"ociVersion":"1.1.0","annotations":{"io.kubernetes.cri.container-type":"sandbox","io.kubernetes.cri.sandbox-name":"web-7d9f4","io.kubernetes.cri.sandbox-namespace":"shop","io.kubernetes.cri.sandbox-uid":"{{{node.PodUid}}}"}}""");
            var environment = new Dictionary<string, string> { ["TWTOOLS_CONF_ROOT"] = root.FullName };

            var listed = Shell.Run(Cli.Command()[0], [.. Cli.Command().Skip(1), "exhaustion", "--all-netns", "--json"], TimeSpan.FromSeconds(120), environment);

            Assert.True(listed.ExitCode is 0 or 1, listed.ToString());
            var pod = Assert.Single(node.Mine(listed.StdOut));
            Assert.Equal(("pod:shop/web-7d9f4", "web-7d9f4", "shop", "containerd"),
                (pod.GetProperty("label").GetString(), pod.GetProperty("pod").GetString(), pod.GetProperty("podNamespace").GetString(), pod.GetProperty("runtime").GetString()));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>The pod's sandbox: a process in a namespace, in the kubelet's cgroup for the pod, with a CNI netns file.</summary>
    private sealed class NodeLayout : IDisposable
    {
        private readonly TestNamespace _ns = new();
        private readonly PeerProcess _sandbox;
        private readonly string _top = "/sys/fs/cgroup/pids/twt-" + Guid.NewGuid().ToString("N")[..8];
        private readonly string _cgroup;
        private readonly string _cni = "/run/netns/cni-" + Guid.NewGuid().ToString("N")[..12];

        public NodeLayout()
        {
            // Under a directory of this test's own, so nothing of the machine's cgroup tree is left behind.
            _cgroup = Path.Combine(_top, "kubepods/besteffort", "pod" + PodUid, Sandbox);
            Directory.CreateDirectory(_cgroup);
            _sandbox = PeerProcess.StartCommand(_ns, "sleep", "60");
            File.WriteAllText(Path.Combine(_cgroup, "cgroup.procs"), _sandbox.Pid.ToString(CultureInfo.InvariantCulture));
            // The CNI plugin's file for the sandbox's namespace: a second name for the same inode.
            File.WriteAllText(_cni, string.Empty);
            Shell.Check("mount", "--bind", "/run/netns/" + _ns.Name, _cni);
        }

        public string PodUid { get; } = Guid.NewGuid().ToString();

        public string Sandbox { get; } = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();

        public List<JsonElement> Mine(string json) => JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("networkNamespace"))
            .Where(n => n.GetProperty("containerId").ValueKind == JsonValueKind.String && n.GetProperty("containerId").GetString() == Sandbox)
            .ToList();

        public void Dispose()
        {
            Shell.Run("umount", _cni);
            File.Delete(_cni);
            _sandbox.Dispose();
            // The cgroups can go once their process has, deepest first.
            SpinWait.SpinUntil(() => Shell.Run("rmdir", _cgroup).ExitCode == 0, TimeSpan.FromSeconds(10));
            for (var directory = Path.GetDirectoryName(_cgroup)!; directory.StartsWith(_top, StringComparison.Ordinal); directory = Path.GetDirectoryName(directory)!)
            {
                Shell.Run("rmdir", directory);
            }

            _ns.Dispose();
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

        // Listing as nobody sees only nobody's own processes' namespaces: said, so a partial listing never passes for a whole one.
        var listing = Shell.Run("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--", .. Cli.Command("kernel", "--all-netns")], TimeSpan.FromSeconds(60));
        Assert.Contains("may not look at, so --all-netns lists only those it can see", listing.StdErr);
    }
}
