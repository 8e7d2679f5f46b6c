using System.Text.Json;
using TwTools.Engine.Namespaces;

namespace TwTools.Engine.Tests.Remote;

/// <summary>crictl's answers (the CRI API's JSON): pods and their containers, and answers of another shape.</summary>
public class CriListingTests
{
    [Fact]
    public void Sandboxes_carry_the_pod_and_containers_take_their_pod_from_the_sandbox_or_their_labels()
    {
        var listed = CriListing.Parse(
            """{"items":[{"id":"s1","metadata":{"name":"web","uid":"u1","namespace":"shop"},"state":"SANDBOX_READY"},{"id":"s2","metadata":{"name":"old","uid":"u2","namespace":"shop"},"state":"SANDBOX_NOTREADY"}]}""",
            """{"containers":[{"id":"c1","podSandboxId":"s1","metadata":{"name":"client"}},{"id":"c2","podSandboxId":"gone","metadata":{"name":"batch"},"labels":{"io.kubernetes.pod.uid":"u3","io.kubernetes.pod.name":"job","io.kubernetes.pod.namespace":"ops"}}]}""").ToList();

        Assert.Equal(
            ["s1 web shop u1 infra", "c1 web shop u1 client", "c2 job ops u3 batch"],
            listed.Select(c => $"{c.Id} {c.PodName} {c.PodNamespace} {c.PodId} {(c.IsInfra ? "infra" : c.Name)}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"items\":\"no\"}")]
    [InlineData("{\"items\":[1,\"x\",{\"metadata\":5}]}")]
    public void An_answer_of_another_shape_lists_nothing(string pods) => Assert.Empty(CriListing.Parse(pods, null));

    [Fact]
    public void Nesting_beyond_any_answer_is_refused_not_followed() =>
        Assert.ThrowsAny<JsonException>(() => CriListing.Parse(new string('[', 10_000), null).ToList());
}
