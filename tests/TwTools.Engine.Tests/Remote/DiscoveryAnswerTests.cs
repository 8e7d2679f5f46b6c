using System.Text;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Remote;

namespace TwTools.Engine.Tests.Remote;

/// <summary>A remote host's namespace listing, as its program prints it: parsed, named, and hostile where it can be.</summary>
public class DiscoveryAnswerTests
{
    private const string Podman = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Infra = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
    private const string Pod = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    private static string B64(string text) => "=" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string Answer(params string[] lines) => string.Join('\n', [DiscoveryProgram.Header, .. lines, DiscoveryProgram.Trailer, ""]);

    private static readonly string Listing = Answer(
        "H 100",
        "P 100 /proc/1/ns/net",
        "P 200 /proc/50/ns/net",
        "P 300 /proc/70/ns/net",
        "P 300 /proc/71/ns/net",
        "P 400 /proc/90/ns/net",
        $"F 500 {B64("/run/netns/blue")}",
        $"F 400 {B64("/run/netns/netns-1234")}",
        "C " + B64($"/proc/50/cgroup:9:name=systemd:/libpod_parent/libpod-{Podman}\n/proc/70/cgroup:9:name=systemd:/libpod_parent/{Pod}/libpod-{Infra}\n"),
        "N " + B64("/proc/1/comm:init\n/proc/50/comm:sleep\n/proc/70/comm:catatonit\n/proc/90/comm:\u001b]0;x\n"),
        "J podman " + B64($$"""[{"Id":"{{Podman}}","Names":["web"],"Pid":50,"Pod":"","PodName":""},{"Id":"{{Infra}}","Names":["shop-infra"],"Pid":70,"Pod":"{{Pod}}","PodName":"shop","IsInfra":true},{"Id":"{{Infra}}0","Names":["app"],"Pid":71,"Pod":"{{Pod}}","PodName":"shop"}]"""));

    [Fact]
    public void Namespaces_are_found_once_each_named_as_here_the_host_first()
    {
        var answer = DiscoveryAnswer.Parse("h", Listing);

        Assert.Equal(["host", "netns:blue", "pid:90(\u001b]0;x)", "pod:shop", "podman:web"], answer.Namespaces.Select(n => n.Label));
        Assert.Equal("/run/netns/blue", answer.Namespaces.Single(n => n.Label == "netns:blue").Path);
        Assert.Equal("/proc/50/ns/net", answer.Namespaces.Single(n => n.Label == "podman:web").Path);
    }

    [Fact]
    public void A_container_of_a_pod_is_found_as_the_pod_and_an_unknown_one_as_nothing()
    {
        var answer = DiscoveryAnswer.Parse("h", Listing);

        Assert.Equal(["pod:shop"], answer.OfContainer("app").Select(n => n.Label));
        Assert.Equal(["pod:shop"], answer.OfContainer("shop").Select(n => n.Label));
        Assert.Equal(["podman:web"], answer.OfContainer(Podman[..12]).Select(n => n.Label));
        Assert.Empty(answer.OfContainer("nope"));
    }

    [Fact]
    public void A_kubernetes_pod_is_named_namespace_and_name_from_crictl_and_found_by_either_name()
    {
        const string Uid = "0b0b0b0b-1111-2222-3333-444444444444";
        var answer = DiscoveryAnswer.Parse("h", Answer(
            "H 100",
            "P 100 /proc/1/ns/net",
            "P 600 /proc/80/ns/net",
            "C " + B64($"/proc/80/cgroup:4:pids:/kubepods/besteffort/pod{Uid}/{Infra}\n"),
            "J cri-pods " + B64($$"""{"items":[{"id":"{{Infra}}","metadata":{"name":"web-1","uid":"{{Uid}}","namespace":"shop"},"state":"SANDBOX_READY"}]}"""),
            "J cri-ps " + B64($$$"""{"containers":[{"id":"{{Podman}}","podSandboxId":"{{{Infra}}}","metadata":{"name":"client"}}]}""")));

        var pod = answer.Namespaces.Single(n => n.Inode == 600);
        Assert.Equal(("pod:shop/web-1", "web-1", "shop", "containerd"), (pod.Label, pod.Pod, pod.PodNamespace, pod.Runtime));
        Assert.Equal([600UL], answer.OfContainer("client").Select(n => n.Inode));
        Assert.Equal([600UL], answer.OfContainer("shop/web-1").Select(n => n.Inode));
    }

    [Theory]
    [InlineData("T nsenter", TwErrorIds.Remote.ToolMissing)]
    [InlineData("P x /etc/passwd\nQ what", TwErrorIds.Remote.ProtocolError)]
    public void A_missing_tool_or_a_line_the_program_never_prints_is_an_error_naming_the_host(string line, string id)
    {
        var error = Assert.Throws<TwOperationException>(() => DiscoveryAnswer.Parse("h", Answer(line.Split('\n'))));

        Assert.Equal(id, error.Primary.Id);
    }

    [Fact]
    public void An_answer_cut_short_is_an_error()
    {
        var error = Assert.Throws<TwOperationException>(() => DiscoveryAnswer.Parse("h", DiscoveryProgram.Header + "\nH 100\n"));

        Assert.Equal(TwErrorIds.Remote.ProtocolError, error.Primary.Id);
    }
}
