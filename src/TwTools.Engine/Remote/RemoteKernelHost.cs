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
    /// <summary>How long one round trip may take when nobody said otherwise: a hung host must not hold a fleet.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private readonly IHostTransport _transport;
    private readonly bool _elevate;
    private readonly TimeSpan _timeout;
    private TimeSpan _lockTimeout = TimeSpan.FromSeconds(30);
    private IReadOnlyDictionary<string, string> _rawContents = new Dictionary<string, string>();

    public RemoteKernelHost(IHostTransport transport, bool elevate, TimeSpan? timeout = null)
    {
        _transport = transport;
        _elevate = elevate;
        _timeout = timeout ?? DefaultTimeout;
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
        // The apply program may wait for the host's lock first; that wait is not the host hanging.
        var result = Run(ApplyProgram.Build(plan, _lockTimeout, persisted), ApplyProgram.Header, cancellation, _lockTimeout);
        return ApplyAnswer.Parse(Name, plan, result.StandardOutput);
    }

    private TransportResult Run(string program, string header, CancellationToken cancellation, TimeSpan extra = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(_timeout + extra);
        TransportResult result;
        try
        {
            result = _transport.Run(program, _elevate, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TwException(TwDiagnostic.Error(TwErrorIds.HostTimeout, TwErrorCategory.OperationTimeout,
                $"{Name}: no answer within {(_timeout + extra).TotalSeconds:0} s, so the connection was closed (a host or network that hangs, or a FIFO in its /etc/sysctl.d, does this); raise the timeout if the host is only slow") with { Target = Name });
        }

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
