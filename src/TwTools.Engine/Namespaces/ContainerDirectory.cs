using System.Text.Json;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// The containers the runtimes on this machine know (podman, docker, and Kubernetes' through crictl): names, pods and, from inspect, the process
/// and the sysctls each was created with. Read only when a namespace needs naming; a runtime not installed, or whose
/// daemon does not answer, names nothing and the namespace keeps a process label.
/// </summary>
internal sealed class ContainerDirectory
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly List<ContainerInfo> _containers;

    private ContainerDirectory(List<ContainerInfo> containers, List<string> problems) => (_containers, Problems) = (containers, problems);

    public static string[] Runtimes { get; } = ["podman", "docker"];

    /// <summary>Every command line that lists containers: the runtimes', and crictl for Kubernetes' CRI runtimes.</summary>
    public static string[] Listers { get; } = ["podman", "docker", CriListing.Runtime];

    /// <summary>Which lister knows a runtime's containers: crictl knows containerd's and CRI-O's.</summary>
    public static string ListedBy(string runtime) => runtime is "containerd" or "cri-o" ? CriListing.Runtime : runtime;

    /// <summary>Why a runtime could not be asked (its daemon is down, say): shown as a warning when a container was wanted.</summary>
    public IReadOnlyList<string> Problems { get; }

    public IReadOnlyList<ContainerInfo> All => _containers;

    public static ContainerDirectory Load(IEnumerable<string> runtimes, CancellationToken cancellation)
    {
        var (containers, problems) = (new List<ContainerInfo>(), new List<string>());
        foreach (var runtime in runtimes.Select(ListedBy).Distinct())
        {
            if (runtime == CriListing.Runtime)
            {
                LoadCri(containers, problems, cancellation);
                continue;
            }

            var answer = RuntimeCommand.Run(runtime, runtime == "docker" ? ["ps", "--no-trunc", "--format", "{{json .}}"] : ["ps", "--pod", "--format", "json"], Timeout, cancellation);
            if (answer is null)
            {
                continue;
            }

            if (answer.ExitCode != 0)
            {
                problems.Add($"{runtime} ps failed: {TwTools.Engine.Text.PrintableText.Of(answer.Error.Trim(), 300)}");
                continue;
            }

            try
            {
                containers.AddRange(runtime == "docker" ? DockerList(answer.Output) : PodmanList(answer.Output));
            }
            catch (JsonException e)
            {
                problems.Add($"{runtime} ps gave an answer that is not its JSON: {e.Message}");
            }
        }

        return new ContainerDirectory(containers, problems);
    }

    private static void LoadCri(List<ContainerInfo> containers, List<string> problems, CancellationToken cancellation)
    {
        var pods = RuntimeCommand.Run("crictl", ["pods", "-o", "json"], Timeout, cancellation);
        if (pods is null)
        {
            return;
        }

        var running = pods.ExitCode == 0 ? RuntimeCommand.Run("crictl", ["ps", "-o", "json"], Timeout, cancellation) : null;
        if (pods.ExitCode != 0 || running is not { ExitCode: 0 })
        {
            problems.Add($"crictl failed: {TwTools.Engine.Text.PrintableText.Of((pods.ExitCode != 0 ? pods : running!).Error.Trim(), 300)}");
            return;
        }

        try
        {
            containers.AddRange(CriListing.Parse(pods.Output, running.Output));
        }
        catch (JsonException e)
        {
            problems.Add($"crictl gave an answer that is not the CRI's JSON: {e.Message}");
        }
    }

    /// <summary>
    /// What a remote host's runtimes said (podman ps --pod --format json; docker ps --format '{{json .}}' lines and its
    /// containers' processes), read as the local answers are.
    /// </summary>
    public static ContainerDirectory FromAnswers(string? podman, string? docker, IReadOnlyDictionary<string, int> dockerProcesses, (string? Pods, string? Containers) cri = default)
    {
        var (containers, problems) = (new List<ContainerInfo>(), new List<string>());
        try
        {
            containers.AddRange(CriListing.Parse(cri.Pods, cri.Containers));
            containers.AddRange(podman is null ? [] : PodmanList(podman));
            containers.AddRange(docker is null ? [] : DockerList(docker).Select(c => c with { ProcessId = dockerProcesses.TryGetValue(c.Id, out var pid) ? pid : null }));
        }
        catch (JsonException e)
        {
            problems.Add($"a runtime's answer is not its JSON: {e.Message}");
        }

        return new ContainerDirectory(containers, problems);
    }

    /// <summary>The container with this id, as the runtime its cgroup names lists it; crictl's answer says containerd's or CRI-O's.</summary>
    public ContainerInfo? Find(string runtime, string id) => _containers.FirstOrDefault(c => c.Runtime == ListedBy(runtime) && c.Id == id) is { } found
        ? found with { Runtime = runtime }
        : null;

    /// <summary>Containers a user named: by name (a Kubernetes pod also as NAMESPACE/NAME), or by an id or a unique start of one (as podman and docker accept).</summary>
    public IReadOnlyList<ContainerInfo> Matching(string nameOrId) =>
        _containers.Where(c => c.Name == nameOrId || c.PodName == nameOrId || (c.PodNamespace is not null && $"{c.PodNamespace}/{c.PodName}" == nameOrId)).ToList() is { Count: > 0 } named
            ? named
            : _containers.Where(c => nameOrId.Length >= 3 && (c.Id.StartsWith(nameOrId, StringComparison.Ordinal) || (c.PodId?.StartsWith(nameOrId, StringComparison.Ordinal) ?? false))).ToList();

    private static IEnumerable<ContainerInfo> PodmanList(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json, new JsonDocumentOptions { MaxDepth = 16 });
        foreach (var c in document.RootElement.EnumerateArray())
        {
            var names = c.TryGetProperty("Names", out var n) && n.ValueKind == JsonValueKind.Array ? n.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToList() : [];
            yield return new ContainerInfo("podman", Text(c, "Id") ?? string.Empty, names.FirstOrDefault() ?? string.Empty)
            {
                PodId = Text(c, "Pod") is { Length: > 0 } pod ? pod : null,
                PodName = Text(c, "PodName") is { Length: > 0 } podName ? podName : null,
                ProcessId = c.TryGetProperty("Pid", out var pid) && pid.TryGetInt32(out var p) && p > 0 ? p : null,
                IsInfra = c.TryGetProperty("IsInfra", out var infra) && infra.ValueKind == JsonValueKind.True,
            };
        }
    }

    private static IEnumerable<ContainerInfo> DockerList(string lines)
    {
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 16 });
            var c = document.RootElement;
            yield return new ContainerInfo("docker", Text(c, "ID") ?? string.Empty, (Text(c, "Names") ?? string.Empty).Split(',')[0]);
        }
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
