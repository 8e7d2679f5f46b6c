using System.CommandLine;
using TwTools.Engine.Namespaces;

namespace TwTools.Cli.Commands;

/// <summary>
/// --netns, --pid, --container and --all-netns: which network namespaces of the host to work on. Every TIME_WAIT setting
/// is per namespace, so a container's values are its own; without these, the namespace twtools runs in.
/// </summary>
internal sealed class NamespaceOptions
{
    private readonly Option<string[]> _netns = new("--netns")
    {
        Description = "A network namespace: an ip netns name, or a namespace file such as /proc/PID/ns/net or /run/docker/netns/ID. Repeat for several.",
        HelpName = "name|file",
    };

    private readonly Option<int[]> _pid = new("--pid")
    {
        Description = "The network namespace process PID runs in. Repeat for several.",
        HelpName = "pid",
    };

    private readonly Option<string[]> _container = new("--container")
    {
        Description = "A running container or pod by name or id (podman, docker; crictl, where a Kubernetes pod is also NAMESPACE/NAME); a pod's containers share one namespace, reported once. Repeat for several.",
        HelpName = "name|id",
    };

    private readonly Option<bool> _all = new("--all-netns")
    {
        Description = "Every network namespace on the host, each once, the host's own first: containers, pods, ip netns and namespaces only a file holds.",
    };

    public void AddTo(Command command)
    {
        _pid.Validators.Add(r =>
        {
            if (r.Tokens.Any(t => !int.TryParse(t.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || pid < 1))
            {
                r.AddError("--pid takes a process id, a whole number from 1.");
            }
        });
        foreach (var option in new Option[] { _netns, _pid, _container, _all })
        {
            command.Options.Add(option);
        }
    }

    public NamespaceSelection Selection(ParseResult parse) => new()
    {
        Names = parse.GetValue(_netns) ?? [],
        ProcessIds = parse.GetValue(_pid) ?? [],
        Containers = parse.GetValue(_container) ?? [],
        All = parse.GetValue(_all),
    };
}
