using System.Text.Json;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// Kubernetes pods as the node's CRI runtime (containerd, CRI-O) lists them through crictl: each pod sandbox, which
/// holds the pod's network namespace, and each running container, with the pod's name, namespace and uid. The JSON is
/// the CRI API's own (ListPodSandboxResponse.items, ListContainersResponse.containers) as crictl -o json prints it.
/// </summary>
internal static class CriListing
{
    /// <summary>How entries from crictl are marked: crictl does not say which CRI runtime answered; the cgroups do.</summary>
    public const string Runtime = "cri";

    public const string UidLabel = "io.kubernetes.pod.uid";

    public static IEnumerable<ContainerInfo> Parse(string? pods, string? containers)
    {
        var sandboxes = new Dictionary<string, ContainerInfo>(StringComparer.Ordinal);
        foreach (var pod in Items(pods, "items"))
        {
            var metadata = pod.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            var info = new ContainerInfo(Runtime, Text(pod, "id") ?? string.Empty, string.Empty)
            {
                PodId = Text(metadata, "uid"), PodName = Text(metadata, "name"), PodNamespace = Text(metadata, "namespace"), IsInfra = true,
            };
            if (info.Id.Length > 0 && Text(pod, "state") is null or "SANDBOX_READY")
            {
                sandboxes[info.Id] = info;
            }
        }

        foreach (var sandbox in sandboxes.Values)
        {
            yield return sandbox;
        }

        foreach (var container in Items(containers, "containers"))
        {
            var pod = Text(container, "podSandboxId") is { } sandboxId ? sandboxes.GetValueOrDefault(sandboxId) : null;
            var labels = container.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
            var metadata = container.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            var id = Text(container, "id") ?? string.Empty;
            if (id.Length > 0)
            {
                yield return new ContainerInfo(Runtime, id, Text(metadata, "name") ?? string.Empty)
                {
                    PodId = pod?.PodId ?? Text(labels, UidLabel),
                    PodName = pod?.PodName ?? Text(labels, "io.kubernetes.pod.name"),
                    PodNamespace = pod?.PodNamespace ?? Text(labels, "io.kubernetes.pod.namespace"),
                };
            }
        }
    }

    private static List<JsonElement> Items(string? json, string property)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select(e => e.Clone()).ToList()
            : [];
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
