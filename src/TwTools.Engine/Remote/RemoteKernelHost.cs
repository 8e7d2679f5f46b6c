using TwTools.Engine.Diagnostics;
using TwTools.Engine.Hosts;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Remote;

/// <summary>
/// A host reached through a carrier: one program reads (kernel settings, sysctl.d files, and sockets
/// when asked), one applies, sent in one conversation. Planning and reporting are the local ones, on the snapshot.
/// </summary>
public sealed class RemoteKernelHost : IKernelHost
{
    /// <summary>How long one round trip may take when nobody said otherwise: a hung host must not hold a fleet.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    private readonly IHostTransport _transport;
    private readonly bool _elevate;
    private readonly TimeSpan _timeout;

    public RemoteKernelHost(IHostTransport transport, bool elevate, TimeSpan? timeout = null)
    {
        _transport = transport;
        _elevate = elevate;
        _timeout = timeout ?? DefaultTimeout;
    }

    public string Name => _transport.HostName;

    internal KernelSnapshot ReadKernel(CancellationToken cancellation) => Read(sockets: false, cancellation).Kernel;

    internal bool IsThisMachine => false;

    internal HostSockets OpenSockets(SocketSourceKind kind, CancellationToken cancellation)
    {
        // Whatever the kind, a remote host's sockets are the /proc text its read program sends back.
        var answer = Read(sockets: true, cancellation);
        return new HostSockets(Name, new RemoteSocketSource(Name, token => Read(sockets: true, token), answer), () => answer.Kernel, answer.Sockstat, owners: null);
    }

    /// <summary>
    /// The read and the write share one conversation with the host (one sh, when the carrier can keep it).
    /// The host's flock is still taken by the apply program itself, which refuses to write if anything
    /// planned against changed since the read.
    /// </summary>
    internal IApplySession BeginApply(TimeSpan lockTimeout, CancellationToken cancellation)
    {
        var conversation = _transport.Converse(_elevate);
        try
        {
            var answer = ReadAnswer.Parse(Name, Run(token => conversation.Ask(ReadProgram.Build(sockets: false), ReadProgram.Trailer, token), ReadProgram.Header, cancellation).StandardOutput);
            return new RemoteApplySession(this, conversation, answer, lockTimeout);
        }
        catch
        {
            conversation.Dispose();
            throw;
        }
    }

    internal ReadAnswer Read(bool sockets, CancellationToken cancellation) =>
        ReadAnswer.Parse(Name, Run(token => _transport.Run(ReadProgram.Build(sockets), _elevate, token), ReadProgram.Header, cancellation).StandardOutput);

    internal ExecutionOutcome Apply(IHostConversation conversation, ExecutablePlan plan, ReadAnswer planned, TimeSpan lockTimeout, CancellationToken cancellation)
    {
        var persisted = plan.Persist is { } persist ? planned.RawContents.GetValueOrDefault(persist.File) : null;
        var program = ApplyProgram.Build(plan, lockTimeout, persisted);
        // The apply program may wait for the host's lock first; that wait is not the host hanging.
        var result = Run(token => conversation.Finish(program, token), ApplyProgram.Header, cancellation, lockTimeout);
        return ApplyAnswer.Parse(Name, plan, result.StandardOutput);
    }

    private TransportResult Run(Func<CancellationToken, TransportResult> send, string header, CancellationToken cancellation, TimeSpan extra = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(_timeout + extra);
        TransportResult result;
        try
        {
            result = send(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Remote.Timeout, TwErrorCategory.OperationTimeout,
                $"{Name}: no answer within {(_timeout + extra).TotalSeconds:0} s, so the connection was closed (a host or network that hangs, or a FIFO in its /etc/sysctl.d, does this); raise the timeout if the host is only slow") with { Target = Name });
        }

        if (!result.StandardOutput.StartsWith(header, StringComparison.Ordinal))
        {
            throw new TwOperationException(CarrierFailure.Classify(Name, result) with { Target = Name });
        }

        return result;
    }

    // The host contract's members are the engine's own: front ends hold a host and hand it to an operation.
    bool IKernelHost.IsThisMachine => IsThisMachine;

    KernelSnapshot IKernelHost.ReadKernel(CancellationToken cancellation) => ReadKernel(cancellation);

    HostSockets IKernelHost.OpenSockets(SocketSourceKind kind, CancellationToken cancellation) => OpenSockets(kind, cancellation);

    IApplySession IKernelHost.BeginApply(TimeSpan lockTimeout, CancellationToken cancellation) => BeginApply(lockTimeout, cancellation);
}
