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
        Assert.Equal("error AddressNotAvailable after 10", Requests(netns, 12));
        // Inside the image there is no podman to ask for names: the pod is named by the id its cgroups carry.
        var podId = podman.Podman(["pod", "inspect", "--format", "{{.Id}}", pod]).Trim()[..12];

        using var net = new TestNamespace();
        using var agent = new AgentContainer(podman, _image, net);
        var scratch = Directory.CreateTempSubdirectory("twt-rules-");
        try
        {
            using var stack = new MonitoringStack(net, "127.0.0.1:9977", RulesWithoutWaiting(scratch.FullName));

            var firing = stack.WaitFor($"ALERTS{{alertname=\"PodPortExhaustion\",alertstate=\"firing\",pod=\"{podId}\"}}", Patience);
            Assert.Contains("severity=\"critical\"", Assert.Single(firing));
            Assert.Empty(stack.Query("ALERTS{alertname=\"PodPortExhaustion\",netns=\"host\"}"));

            var fix = Shell.Run(Cli.Command("apply", "--policy", "tw-reuse", "--container", pod)[0], Cli.Command("apply", "--policy", "tw-reuse", "--container", pod).Skip(1), TimeSpan.FromSeconds(120), podman.Environment);
            Assert.True(fix.ExitCode == 0, fix.ToString());
            Thread.Sleep(1200); // connect() takes over a TIME_WAIT port once it is older than tcp_tw_reuse_delay (1 s)
            Assert.Equal("ok 3", Requests(netns, 3, intervalMs: 1100));

            // The agent collects at most every 15 s (the manifest's --min-interval): the alert clears on its next collection.
            stack.WaitForNone($"ALERTS{{alertname=\"PodPortExhaustion\",alertstate=\"firing\",pod=\"{podId}\"}}", Patience);
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The shipped rules with their for: durations cut to nothing: promtool's unit tests hold the durations.</summary>
    private static string RulesWithoutWaiting(string directory)
    {
        var rules = Path.Combine(directory, "twtools.rules.yml");
        File.WriteAllText(rules, System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "deploy", "twtools.rules.yml")), @"for: \d+m", "for: 0s"));
        return rules;
    }

    private static string Requests(string netns, int count, int intervalMs = 0) =>
        Shell.Run("nsenter", ["--net=" + netns, "dotnet", PeerProcess.PeerDll, "requests", "127.0.0.1", "8080", count.ToString(CultureInfo.InvariantCulture),
            .. intervalMs > 0 ? new[] { "--interval-ms", intervalMs.ToString(CultureInfo.InvariantCulture) } : []], TimeSpan.FromSeconds(60)).StdOut.Trim();
}
