using System.Globalization;

namespace TwTools.Integration.Tests.Kubernetes;

/// <summary>
/// The first source story seen from a cluster's monitoring: the DaemonSet's pod template runs here as a container,
/// real Prometheus scrapes it with the shipped rules, and PodPortExhaustion fires for the pod whose client side
/// exhausted its port range, naming that pod, then clears once tw-reuse is applied to the pod.
/// </summary>
[Collection(NodeAgentCollection.Name)]
public class NodeAgentAlertTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly AgentImage _image;

    public NodeAgentAlertTests(AgentImage image) => _image = image;

    [Fact]
    public void PodPortExhaustion_fires_in_Prometheus_for_the_exhausted_pod_and_clears_after_the_fix()
    {
        using var podman = new PodmanTestRuntime();
        var pod = podman.Pod(PodmanTestRuntime.NewName("story"), "--sysctl", "net.ipv4.ip_local_port_range=40000 40009", "--sysctl", "net.ipv4.tcp_tw_reuse=0");
        var server = podman.Run(PodmanTestRuntime.NewName("server"), ["--pod", pod], "nc", "-ll", "-p", "8080", "-e", "cat");
        var netns = $"/proc/{podman.Pid(server).ToString(CultureInfo.InvariantCulture)}/ns/net";
        Assert.Equal("error AddressNotAvailable after 10", PeerProcess.RequestsFrom(netns, "127.0.0.1", 8080, 12));
        // Inside the image there is no podman to ask for names: the pod is named by the id its cgroups carry.
        var podId = podman.Podman(["pod", "inspect", "--format", "{{.Id}}", pod]).Trim()[..12];

        using var net = new TestNamespace();
        using var agent = new AgentContainer(podman, _image, net);
        var scratch = Directory.CreateTempSubdirectory("twt-rules-");
        try
        {
            using var stack = new MonitoringStack(net, "127.0.0.1:9977", MonitoringStack.RulesWithoutWaiting(scratch.FullName));

            var firing = stack.WaitFor($"ALERTS{{alertname=\"PodPortExhaustion\",alertstate=\"firing\",pod=\"{podId}\"}}", Patience);
            Assert.Contains("severity=\"critical\"", Assert.Single(firing));
            Assert.Empty(stack.Query("ALERTS{alertname=\"PodPortExhaustion\",netns=\"host\"}"));

            var fix = Shell.Run(Cli.Command("apply", "--policy", "tw-reuse", "--container", pod)[0], Cli.Command("apply", "--policy", "tw-reuse", "--container", pod).Skip(1), TimeSpan.FromSeconds(120), podman.Environment);
            Assert.True(fix.ExitCode == 0, fix.ToString());
            Thread.Sleep(1200); // connect() takes over a TIME_WAIT port once it is older than tcp_tw_reuse_delay (1 s)
            Assert.Equal("ok 3", PeerProcess.RequestsFrom(netns, "127.0.0.1", 8080, 3, intervalMs: 1100));

            // The agent collects at most every 15 s (the manifest's --min-interval): the alert clears on its next collection.
            stack.WaitForNone($"ALERTS{{alertname=\"PodPortExhaustion\",alertstate=\"firing\",pod=\"{podId}\"}}", Patience);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
