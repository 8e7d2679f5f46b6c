using System.Text;
using TwTools.Engine.Namespaces;

namespace TwTools.Engine.Tests.Remote;

/// <summary>What a remote host's runtime says a container was created with: docker's HostConfig.Sysctls, podman's OCI config.</summary>
public class OwnerAnswerTests
{
    private static IReadOnlyDictionary<string, string>? Of(string runtime, string json) => ContainerInspect.SysctlsOfAnswer(runtime, Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Docker_says_its_sysctls_as_a_map_and_none_as_null()
    {
        Assert.Equal(new Dictionary<string, string> { ["net.ipv4.tcp_fin_timeout"] = "34" }, Of("docker", "{\"net.ipv4.tcp_fin_timeout\":\"34\"}"));
        Assert.Empty(Of("docker", "null")!);
    }

    [Fact]
    public void Podman_says_them_in_the_oci_config_linux_sysctl()
    {
        Assert.Equal(new Dictionary<string, string> { ["net.ipv4.ip_local_port_range"] = "40000 40009" },
            Of("podman", "{\"ociVersion\":\"1.0.2\",\"linux\":{\"sysctl\":{\"net.ipv4.ip_local_port_range\":\"40000 40009\"}}}"));
        Assert.Empty(Of("podman", "{\"ociVersion\":\"1.0.2\",\"linux\":{}}")!);
    }

    [Theory]
    [InlineData("docker", "[1,2]")]
    [InlineData("docker", "{\"a\":")]
    [InlineData("podman", "\"text\"")]
    [InlineData("podman", "")]
    public void An_answer_of_another_shape_or_cut_short_is_unknown_not_empty(string runtime, string json) => Assert.Null(Of(runtime, json));

    [Fact]
    public void Nesting_deeper_than_any_config_is_unknown_not_a_crash() =>
        Assert.Null(Of("podman", new string('[', 100_000)));
}
