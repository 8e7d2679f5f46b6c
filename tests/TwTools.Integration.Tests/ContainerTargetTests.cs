using System.Globalization;
using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>
/// Real podman and docker containers on this machine, read and fixed from the host: by name and by id, a pod's
/// containers as one namespace, and the first source story (a pod whose client side exhausts its narrowed port range).
/// </summary>
public class ContainerTargetTests
{
    private static ProcessResult Twtools(IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Shell.Run(Cli.Command(arguments)[0], Cli.Command(arguments).Skip(1), TimeSpan.FromSeconds(120), environment);

    private static JsonElement Key(JsonElement states, string key) => states.EnumerateArray().Single(e => e.GetProperty("key").GetString() == key);

    [Fact]
    public void A_podman_container_by_name_and_by_id_shows_its_values_and_the_sysctls_it_was_created_with()
    {
        using var podman = new PodmanTestRuntime();
        var name = podman.Run(PodmanTestRuntime.NewName("c"), ["--sysctl", "net.ipv4.tcp_fin_timeout=33"], "sleep", "300");

        foreach (var target in new[] { name, podman.Id(name)[..12] })
        {
            var result = Twtools(podman.Environment, "kernel", "--container", target, "--json");

            Assert.True(result.ExitCode == 0, result.ToString());
            var fin = Key(JsonDocument.Parse(result.StdOut).RootElement, "net.ipv4.tcp_fin_timeout");
            Assert.Equal(("33", "33"), (fin.GetProperty("runtime").GetString(), fin.GetProperty("persisted").GetString()));
            Assert.Contains("podman --sysctl", fin.GetProperty("persistedSource").GetString());
            var ns = fin.GetProperty("networkNamespace");
            Assert.Equal(($"podman:{name}", "Container", name), (ns.GetProperty("label").GetString(), ns.GetProperty("kind").GetString(), ns.GetProperty("container").GetString()));
        }
    }

    [Fact]
    public void A_docker_container_by_name_and_by_id_shows_its_values_and_the_sysctls_it_was_created_with()
    {
        using var docker = new DockerTestDaemon();
        var name = PodmanTestRuntime.NewName("d");
        var id = docker.Run(name, ["--security-opt", "systempaths=unconfined", "--sysctl", "net.ipv4.tcp_fin_timeout=34"], "sleep", "300");

        foreach (var target in new[] { name, id[..12] })
        {
            var result = Twtools(docker.Environment, "kernel", "--container", target, "--json");

            Assert.True(result.ExitCode == 0, result.ToString());
            var fin = Key(JsonDocument.Parse(result.StdOut).RootElement, "net.ipv4.tcp_fin_timeout");
            Assert.Equal(("34", "34"), (fin.GetProperty("runtime").GetString(), fin.GetProperty("persisted").GetString()));
            Assert.Equal(($"docker:{name}", id), (fin.GetProperty("networkNamespace").GetProperty("label").GetString(), fin.GetProperty("networkNamespace").GetProperty("containerId").GetString()));
        }
    }

    [Fact]
    public void The_containers_of_a_pod_are_one_namespace_named_after_the_pod()
    {
        using var podman = new PodmanTestRuntime();
        var pod = podman.Pod(PodmanTestRuntime.NewName("pod"), "--sysctl", "net.ipv4.ip_local_port_range=40000 40009");
        var first = podman.Run(PodmanTestRuntime.NewName("a"), ["--pod", pod], "sleep", "300");
        var second = podman.Run(PodmanTestRuntime.NewName("b"), ["--pod", pod], "sleep", "300");

        var result = Twtools(podman.Environment, "exhaustion", "--container", first, "--container", second, "--container", pod, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var report = Assert.Single(JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray());
        Assert.Equal(($"pod:{pod}", "Pod", pod), (report.GetProperty("networkNamespace").GetProperty("label").GetString(),
            report.GetProperty("networkNamespace").GetProperty("kind").GetString(), report.GetProperty("networkNamespace").GetProperty("pod").GetString()));
        Assert.Equal(("40000 40009", 10), (report.GetProperty("portRange").GetString(), report.GetProperty("capacity").GetInt32()));
    }

    [Fact]
    public void The_first_source_story_the_node_names_the_exhausted_pod_the_fix_works_and_its_flags_make_a_pod_that_complies()
    {
        using var podman = new PodmanTestRuntime();
        var pod = podman.Pod(PodmanTestRuntime.NewName("story"), "--sysctl", "net.ipv4.ip_local_port_range=40000 40009", "--sysctl", "net.ipv4.tcp_tw_reuse=0");
        var server = podman.Run(PodmanTestRuntime.NewName("server"), ["--pod", pod], "nc", "-ll", "-p", "8080", "-e", "cat");
        podman.Run(PodmanTestRuntime.NewName("client"), ["--pod", pod], "sleep", "300");
        var netns = $"/proc/{podman.Pid(server).ToString(CultureInfo.InvariantCulture)}/ns/net";

        // The client side in the pod's namespace: each request on a new connection it closes first, as the story's client did.
        var requests = PeerProcess.RequestsFrom(netns, "127.0.0.1", 8080, 12);
        Assert.Equal("error AddressNotAvailable after 10", requests);

        var node = Twtools(podman.Environment, "exhaustion", "--all-netns", "--json");
        Assert.True(node.ExitCode is 0 or 1, node.ToString());
        var reports = JsonDocument.Parse(node.StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal("Host", reports[0].GetProperty("networkNamespace").GetProperty("kind").GetString());
        var story = Assert.Single(reports, r => r.GetProperty("networkNamespace").GetProperty("label").GetString() == $"pod:{pod}");
        Assert.Contains(story.GetProperty("verdict").GetString(), new[] { "Exhausted", "Critical" });

        var fix = Twtools(podman.Environment, "apply", "--policy", "tw-reuse", "--container", pod);
        Assert.True(fix.ExitCode == 0, fix.ToString());
        Assert.Contains("TwTools.Namespace.RuntimeOnly", fix.StdErr);
        var flags = fix.StdErr.Split('\n').Single(l => l.TrimStart().StartsWith("podman pod create:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        Assert.Equal("--sysctl net.ipv4.tcp_timestamps=1 --sysctl net.ipv4.tcp_tw_reuse=1", flags);

        // connect() takes over a TIME_WAIT port once it is older than tcp_tw_reuse_delay (1 s).
        Thread.Sleep(1200);
        Assert.Equal("ok 3", PeerProcess.RequestsFrom(netns, "127.0.0.1", 8080, 3, intervalMs: 1100));

        var fresh = podman.Pod(PodmanTestRuntime.NewName("fresh"), [.. flags.Split(' ')]);
        podman.Run(PodmanTestRuntime.NewName("app"), ["--pod", fresh], "sleep", "300");
        var check = Twtools(podman.Environment, "test", "--policy", "tw-reuse", "--container", fresh);
        Assert.True(check.ExitCode == 0, check.ToString());
    }
}
