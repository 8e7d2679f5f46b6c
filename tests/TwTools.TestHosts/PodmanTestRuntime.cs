namespace TwTools.TestHosts;

/// <summary>
/// Real podman containers and pods for one test, from the busybox image, with the repository's containers.conf
/// (runc, no default ulimits). Names are unique to the test; everything it made is removed on dispose. Containers use
/// --network none unless a test says otherwise, so nothing is added to the machine's own network.
/// </summary>
public sealed class PodmanTestRuntime : IDisposable
{
    private readonly List<string> _containers = [];
    private readonly List<string> _pods = [];

    public PodmanTestRuntime()
    {
        ContainerImage.Ensure("podman", ContainerImage.PodmanName, Environment);
    }

    /// <summary>What a process needs to see these containers as the test does (twtools runs podman with it).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>
    {
        ["CONTAINERS_CONF"] = Path.Combine(Repository.Root, "tests", "containers", "containers.conf"),
    };

    public static string NewName(string stem) => $"twt-{stem}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Starts a container (podman run -d) and returns its name; <paramref name="options"/> go before the image.</summary>
    public string Run(string name, IEnumerable<string> options, params string[] command)
    {
        _containers.Add(name);
        Podman(["run", "-d", "--name", name, .. (options.Contains("--pod") ? [] : new[] { "--network", "none" }), .. options, ContainerImage.PodmanName, .. command]);
        return name;
    }

    /// <summary>Creates a pod (its infra container holds the pod's network namespace).</summary>
    public string Pod(string name, params string[] options)
    {
        _pods.Add(name);
        Podman(["pod", "create", "--name", name, "--network", "none", .. options]);
        return name;
    }

    public int Pid(string container) => int.Parse(Podman(["inspect", "--format", "{{.State.Pid}}", container]).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public string Id(string container) => Podman(["inspect", "--format", "{{.Id}}", container]).Trim();

    public void Stop(string container) => Podman(["rm", "-f", "-t", "0", container]);

    public string Podman(IEnumerable<string> arguments)
    {
        var result = Shell.Run("podman", arguments, TimeSpan.FromSeconds(120), Environment);
        return result.ExitCode == 0 ? result.StdOut : throw new InvalidOperationException($"podman {string.Join(' ', arguments)} failed: {result}");
    }

    public void Dispose()
    {
        foreach (var container in _containers)
        {
            Shell.Run("podman", ["rm", "-f", "-t", "0", container], TimeSpan.FromSeconds(120), Environment);
        }

        foreach (var pod in _pods)
        {
            Shell.Run("podman", ["pod", "rm", "-f", "-t", "0", pod], TimeSpan.FromSeconds(120), Environment);
        }
    }
}
