using System.Globalization;

namespace TwTools.Integration.Tests.Kubernetes;

/// <summary>
/// The node agent for real: its image built offline and run, and the DaemonSet's pod template run here with podman from
/// flags generated from the manifest (host PID namespace, the two capabilities, read-only root, the mounts), finding
/// and serving the namespaces of real podman and docker containers.
/// </summary>
[Collection(NodeAgentCollection.Name)]
public class NodeAgentTests
{
    private readonly AgentImage _image;

    public NodeAgentTests(AgentImage image) => _image = image;

    [Fact]
    public void The_image_is_small_built_offline_quickly_and_runs_as_nobody_unless_told_otherwise()
    {
        using var podman = new PodmanTestRuntime();

        Assert.True(_image.Megabytes < 40, $"{_image.Megabytes} MB");
        Assert.True(_image.Seconds < 120, $"{_image.Seconds} s");
        Assert.Equal("65534:65534", podman.Podman(["image", "inspect", "--format", "{{.Config.User}}", _image.Name]).Trim());
        var version = Shell.Run("podman", ["run", "--rm", "--network", "none", _image.Name, "--version"], TimeSpan.FromSeconds(60), podman.Environment);
        Assert.True(version.ExitCode == 0, version.ToString());
        Assert.StartsWith(AgentManifests.Version, version.StdOut);

        // As nobody it sees only the namespaces of its own processes, and says so rather than passing for a full listing.
        var partial = Shell.Run("podman", ["run", "--rm", "--network", "none", "--pid", "host", _image.Name, "kernel", "--all-netns"], TimeSpan.FromSeconds(60), podman.Environment);
        Assert.Contains("TwTools.Namespace.NotPermitted", partial.StdErr);
        Assert.Contains("run as root", partial.StdErr);
    }

    [Fact]
    public void The_daemonset_pod_template_runs_here_and_serves_the_namespaces_of_podman_and_docker_containers()
    {
        using var podman = new PodmanTestRuntime();
        using var docker = new DockerTestDaemon();
        using var net = new TestNamespace();
        var client = podman.Run(PodmanTestRuntime.NewName("cl"), ["--sysctl", "net.ipv4.ip_local_port_range=40000 40009"], "sleep", "300");
        var dockerId = docker.Run(PodmanTestRuntime.NewName("dk"), ["--sysctl", "net.ipv4.ip_local_port_range=41000 41019"], "sleep", "300");
        using var agent = new AgentContainer(podman, _image, net);
        var metrics = agent.Metrics();

        var ranges = metrics.Split('\n').Where(l => l.StartsWith("twtools_ephemeral_ports_range{", StringComparison.Ordinal)).ToList();
        Assert.Contains(ranges, l => l.StartsWith($"twtools_ephemeral_ports_range{{host=\"{agent.NodeName}\",netns=\"host\"", StringComparison.Ordinal));
        Assert.DoesNotContain("host=\"localhost\"", metrics);
        Assert.Contains(ranges, l => l.Contains($"podman:{podman.Id(client)[..12]}", StringComparison.Ordinal) && l.EndsWith(" 10", StringComparison.Ordinal));
        Assert.Contains(ranges, l => l.Contains($"docker:{dockerId[..12]}", StringComparison.Ordinal) && l.EndsWith(" 20", StringComparison.Ordinal));
        Assert.Contains("twtools_exporter_collect_success 1", metrics);
        Assert.Contains("twtools_policy_compliant{", metrics);
    }
}
