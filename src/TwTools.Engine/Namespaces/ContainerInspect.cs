using System.Globalization;
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

        var sysctls = new Dictionary<string, string>(StringComparer.Ordinal);
        if (c.TryGetProperty("HostConfig", out var host) && host.TryGetProperty("Sysctls", out var map) && map.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in map.EnumerateObject().Where(e => e.Value.ValueKind == JsonValueKind.String))
            {
                sysctls[entry.Name] = entry.Value.GetString()!;
            }
        }

        return sysctls;
    }

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

    public static string Describe(int pid) => pid.ToString(CultureInfo.InvariantCulture);
}
