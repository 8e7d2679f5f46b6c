using System.Text.Json;
using System.Text.RegularExpressions;
using TwTools.Engine.LocalMachine;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// A Kubernetes pod's name without crictl: the OCI bundle a CRI runtime writes for each container keeps the kubelet's
/// annotations (containerd: io.kubernetes.cri.sandbox-name, -namespace, -uid, container-name; CRI-O:
/// io.kubernetes.pod.name, .namespace, .uid, io.kubernetes.container.name). The node agent mounts those directories
/// read-only; found under the configuration root, as sysctl.d is.
/// </summary>
internal static partial class BundleAnnotations
{
    private const long MaxBytes = 4 << 20;

    public static string ContainerdBundle(string id) => $"/run/containerd/io.containerd.runtime.v2.task/k8s.io/{id}/config.json";

    public static string CriOBundle(string id) => $"/run/containers/storage/overlay-containers/{id}/userdata/config.json";

    /// <summary>The container as its bundle names it, or null when there is no bundle to read or it names no pod.</summary>
    public static ContainerInfo? Find(SystemPaths paths, string runtime, string id)
    {
        if (!Id().IsMatch(id) || runtime is not ("containerd" or "cri-o"))
        {
            return null;
        }

        try
        {
            var bytes = Files.RegularFile.ReadAllBytes(paths.Physical(runtime == "cri-o" ? CriOBundle(id) : ContainerdBundle(id)), MaxBytes);
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("annotations", out var annotations) || annotations.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? First(params string[] keys) => keys.Select(k => annotations.TryGetProperty(k, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v));
            var infra = First("io.kubernetes.cri.container-type", "io.kubernetes.cri-o.ContainerType") == "sandbox";
            return First("io.kubernetes.cri.sandbox-name", "io.kubernetes.pod.name") is not { } pod ? null
                : new ContainerInfo(runtime, id, infra ? string.Empty : First("io.kubernetes.cri.container-name", "io.kubernetes.container.name") ?? string.Empty)
                {
                    PodName = pod,
                    PodNamespace = First("io.kubernetes.cri.sandbox-namespace", "io.kubernetes.pod.namespace"),
                    PodId = First("io.kubernetes.cri.sandbox-uid", "io.kubernetes.pod.uid"),
                    IsInfra = infra,
                };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or Files.RegularFileException)
        {
            return null;
        }
    }

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Id();
}
