using TwTools.Engine.Hosts;

namespace TwTools.Cli.Runs;

/// <summary>The hosts a run works on (null: this machine, read directly) and how many at once.</summary>
internal sealed record HostSelection(IReadOnlyList<IKernelHost>? Hosts, int Throttle = 32) : IDisposable
{
    public static HostSelection ThisMachine { get; } = new(Hosts: null);

    /// <summary>Targets were named (hosts or network namespaces): results come one per target, as a list.</summary>
    public bool IsFleet => Hosts is not null;

    /// <summary>Namespace targets hold a thread inside their namespace once entered; a run lets them go when its output is written.</summary>
    public void Dispose()
    {
        foreach (var host in (Hosts ?? []).OfType<IDisposable>())
        {
            host.Dispose();
        }
    }
}
