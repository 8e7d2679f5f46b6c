using TwTools.Engine.Diagnostics;
using TwTools.Engine.Hosting;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Remote;

/// <summary>
/// A host reached through a carrier: one round trip reads (kernel settings, sysctl.d files, and
/// sockets when asked), one applies. Planning and reporting are the local ones, on the snapshot.
/// </summary>
public sealed class RemoteKernelHost : IKernelHost
{
    private readonly IHostTransport _transport;
    private readonly bool _elevate;
    private TimeSpan _lockTimeout = TimeSpan.FromSeconds(30);
    private IReadOnlyDictionary<string, string> _rawContents = new Dictionary<string, string>();

    public RemoteKernelHost(IHostTransport transport, bool elevate)
    {
        _transport = transport;
        _elevate = elevate;
    }

    public string Name => _transport.HostName;

    public KernelSnapshot ReadKernel(CancellationToken cancellation) => Read(sockets: false, cancellation).Kernel;

    public ReadAnswer Read(bool sockets, CancellationToken cancellation)
    {
        var result = Run(ReadProgram.Build(sockets), ReadProgram.Header, cancellation);
        var answer = ReadAnswer.Parse(Name, result.StandardOutput);
        _rawContents = answer.RawContents;
        return answer;
    }

    /// <summary>
    /// A lock cannot outlive a round trip, so the apply program takes the host's flock itself and
    /// refuses to write if anything it planned against changed since the read.
    /// </summary>
    public IDisposable LockForApply(TimeSpan timeout, CancellationToken cancellation)
    {
        _lockTimeout = timeout;
        return NoLease.Instance;
    }

    public ExecutionOutcome Execute(ExecutablePlan plan, CancellationToken cancellation)
    {
        var persisted = plan.Persist is { } persist ? _rawContents.GetValueOrDefault(persist.File) : null;
        var result = Run(ApplyProgram.Build(plan, _lockTimeout, persisted), ApplyProgram.Header, cancellation);
        return ApplyAnswer.Parse(Name, plan, result.StandardOutput);
    }

    private TransportResult Run(string program, string header, CancellationToken cancellation)
    {
        var result = _transport.Run(program, _elevate, cancellation);
        if (!result.StandardOutput.StartsWith(header, StringComparison.Ordinal))
        {
            throw new TwException(CarrierFailure.Classify(Name, result) with { Target = Name });
        }

        return result;
    }

    private sealed class NoLease : IDisposable
    {
        public static readonly NoLease Instance = new();

        public void Dispose()
        {
        }
    }
}
