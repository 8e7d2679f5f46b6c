using System.Globalization;

namespace TwTools.Integration.Tests.Kubernetes;

/// <summary>
/// The DaemonSet's pod template running here as a podman container, from flags generated from the manifest, in a test
/// network namespace (a kubelet would give it the pod's) where its :9977 is reachable on loopback.
/// </summary>
public sealed class AgentContainer : IDisposable
{
    private readonly PodmanTestRuntime _podman;
    private readonly DirectoryInfo _empty = Directory.CreateTempSubdirectory("twt-hostpath-");

    public AgentContainer(PodmanTestRuntime podman, AgentImage image, TestNamespace network)
    {
        _podman = podman;
        Network = network;
        Shell.Check("ip", "-n", network.Name, "link", "set", "lo", "up");
        // A hostPath the machine lacks would be made by the kubelet (DirectoryOrCreate); here an empty directory of the
        // test's stands in, so nothing is created outside it.
        var flags = PodmanRunFlags.Of(AgentManifests.DaemonSet.Spec.Template.Spec, $"ns:/run/netns/{network.Name}", path => Directory.Exists(path) ? path : _empty.FullName, NodeName);
        // This VM's process 1 is not its init, so the host's namespace is named through this test's own process.
        flags.InsertRange(flags.IndexOf(image.Name), ["--env", $"TWTOOLS_HOST_PID={Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}"]);
        podman.Podman(["run", "-d", "--name", Name, .. flags]);
    }

    public string Name { get; } = PodmanTestRuntime.NewName("agent");

    /// <summary>The node the downward API names: its series' host label.</summary>
    public string NodeName { get; } = PodmanTestRuntime.NewName("node");

    public TestNamespace Network { get; }

    /// <summary>The exporter's answer once it serves (its first scrape collects), or the container's log when it does not.</summary>
    public string Metrics()
    {
        var metrics = string.Empty;
        Assert.True(SpinWait.SpinUntil(() => (metrics = Network.Exec("curl", "-sf", "--max-time", "20", "http://127.0.0.1:9977/metrics").StdOut).Length > 0, TimeSpan.FromSeconds(60)),
            _podman.Podman(["logs", Name]));
        return metrics;
    }

    public void Dispose()
    {
        Shell.Run("podman", ["rm", "-f", "-t", "0", Name], TimeSpan.FromSeconds(60), _podman.Environment);
        _empty.Delete(recursive: true);
    }
}
