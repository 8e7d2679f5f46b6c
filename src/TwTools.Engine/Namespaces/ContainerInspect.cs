using System.Text.Json;

namespace TwTools.Engine.Namespaces;

/// <summary>What a runtime's inspect says of one container: its process, and the sysctls it was created with.</summary>
internal static class ContainerInspect
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static int? ProcessOf(ContainerInfo container, CancellationToken cancellation) =>
        Inspect(container, cancellation) is { } c && c.TryGetProperty("State", out var state) && state.TryGetProperty("Pid", out var pid) && pid.TryGetInt32(out var p) && p > 0 ? p : null;

    /// <summary>
    /// The sysctls the container (or, in a pod, its infra container) was created with: what its namespace gets each time
    /// it is made, so what "persisted" means for it. Null when the runtime cannot be asked.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? SysctlsOf(ContainerInfo container, CancellationToken cancellation)
    {
        if (Inspect(container, cancellation) is not { } c)
        {
            return null;
        }

        // docker says so in HostConfig.Sysctls; podman 4.3 does not, but its OCI config (what runc applied) has linux.sysctl.
        if (c.TryGetProperty("HostConfig", out var host) && host.TryGetProperty("Sysctls", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            return Strings(map);
        }

        if (c.TryGetProperty("OCIConfigPath", out var path) && path.ValueKind == JsonValueKind.String && OciSysctls(path.GetString()!) is { } oci)
        {
            return oci;
        }

        return new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// The sysctls in what a remote host's runtime said (<c>Remote/NamespaceProgram</c>): docker's HostConfig.Sysctls as
    /// JSON, podman's OCI config. Null when the answer is not JSON of that shape.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? SysctlsOfAnswer(string runtime, byte[] answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer, new JsonDocumentOptions { MaxDepth = 64 });
            return runtime == "docker"
                ? document.RootElement.ValueKind switch
                {
                    JsonValueKind.Object => Strings(document.RootElement),
                    JsonValueKind.Null => new Dictionary<string, string>(StringComparer.Ordinal),
                    _ => null,
                }
                : OciSysctls(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string>? OciSysctls(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(Files.RegularFile.ReadAllBytes(path, 16 << 20), new JsonDocumentOptions { MaxDepth = 64 });
            return OciSysctls(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or Files.RegularFileException)
        {
            return null;
        }
    }

    private static Dictionary<string, string>? OciSysctls(JsonElement config) =>
        config.ValueKind != JsonValueKind.Object ? null
        : config.TryGetProperty("linux", out var linux) && linux.ValueKind == JsonValueKind.Object && linux.TryGetProperty("sysctl", out var map) && map.ValueKind == JsonValueKind.Object
            ? Strings(map)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    private static Dictionary<string, string> Strings(JsonElement map) =>
        map.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String).ToDictionary(e => e.Name, e => e.Value.GetString()!, StringComparer.Ordinal);

    private static JsonElement? Inspect(ContainerInfo container, CancellationToken cancellation)
    {
        var answer = RuntimeCommand.Run(container.Runtime, ["inspect", "--type", "container", container.Id], Timeout, cancellation);
        if (answer is not { ExitCode: 0 })
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(answer.Output, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() > 0
                ? document.RootElement[0].Clone()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
