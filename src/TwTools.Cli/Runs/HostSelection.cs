using TwTools.Engine.Hosts;

namespace TwTools.Cli.Runs;

/// <summary>The hosts a run works on (null: this machine, read directly) and how many at once.</summary>
internal sealed record HostSelection(IReadOnlyList<IKernelHost>? Hosts, int Throttle = 32)
{
    public static HostSelection ThisMachine { get; } = new(Hosts: null);

    public bool IsRemote => Hosts is not null;
}
