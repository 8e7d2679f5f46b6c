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

    /// <summary>A network namespace of the host to work in instead of the one its login lands in (see <see cref="WithNamespace"/>).</summary>
    internal RemoteNamespace? Namespace { get; private init; }

    /// <summary>The host, and the namespace when one was named: how messages and progress name it.</summary>
    public string Name => (Namespace?.Label ?? HostIdentity?.Label) is { } label ? $"{_transport.HostName} [{label}]" : _transport.HostName;

    /// <summary>The same host and carrier, reading and applying inside the network namespace <paramref name="nameOrPath"/> or of <paramref name="processId"/>.</summary>
    public RemoteKernelHost WithNamespace(string? nameOrPath, int? processId) => new(_transport, _elevate, _timeout)
    {
        Namespace = processId is { } pid ? RemoteNamespace.OfProcess(pid) : RemoteNamespace.OfName(nameOrPath!),
    };

    /// <summary>The same host and carrier, inside a namespace its own listing found (<see cref="Discover"/>).</summary>
    /// <remarks>The host's own namespace needs no entering: it is the host, named as one.</remarks>
    internal RemoteKernelHost WithNamespace(NetworkNamespace found) => found.IsHost
        ? new(_transport, _elevate, _timeout) { HostIdentity = found }
        : new(_transport, _elevate, _timeout) { Namespace = RemoteNamespace.Of(found) };

    /// <summary>The host's own namespace as a listing named it, for a host worked on as one of its namespaces.</summary>
    private NetworkNamespace? HostIdentity { get; init; }

    /// <summary>Every network namespace of the host, the host's own first, named as --all-netns names them on this machine.</summary>
    internal DiscoveryAnswer Discover(CancellationToken cancellation)
    {
        var result = Run(token => _transport.Run(DiscoveryProgram.Build(), _elevate, token), DiscoveryProgram.Header, cancellation);
        return DiscoveryAnswer.Parse(Name, result.StandardOutput);
    }

    internal KernelSnapshot ReadKernel(CancellationToken cancellation) => Read(sockets: false, cancellation).Kernel;

    // A program for this target: inside its namespace when one was named.
    private string Program(string program, string header, string trailer) =>
        Namespace is null ? program : NamespaceProgram.Wrap(program, Namespace, header, trailer);

    private ReadAnswer Answer(string output)
    {
        var answer = FoundGone(() => ReadAnswer.Parse(Name, output));
        return Namespace is not null ? answer.InNamespace(_transport.HostName, Namespace)
            : HostIdentity is not null ? answer.Named(_transport.HostName, HostIdentity)
            : answer;
    }

    internal bool IsThisMachine => false;

    internal HostSockets OpenSockets(SocketSourceKind kind, CancellationToken cancellation)
    {
        // Whatever the kind, a remote host's sockets are the /proc text its read program sends back.
        var answer = Read(sockets: true, cancellation);
        return new HostSockets(_transport.HostName, new RemoteSocketSource(Name, token => Read(sockets: true, token), answer), () => answer.Kernel, answer.Sockstat, owners: null)
        {
            Namespace = answer.Kernel.Namespace,
        };
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
            var read = Program(ReadProgram.Build(sockets: false), ReadProgram.Header, ReadProgram.Trailer);
            var answer = Answer(Run(token => conversation.Ask(read, ReadProgram.Trailer, token), ReadProgram.Header, cancellation).StandardOutput);
            return new RemoteApplySession(this, conversation, answer, lockTimeout);
        }
        catch
        {
            conversation.Dispose();
            throw;
        }
    }

    internal ReadAnswer Read(bool sockets, CancellationToken cancellation)
    {
        var program = Program(ReadProgram.Build(sockets), ReadProgram.Header, ReadProgram.Trailer);
        var result = Run(token => _transport.Run(program, _elevate, token), ReadProgram.Header, cancellation);
        if (result.ExitCode == 255 && !result.StandardOutput.Contains(ReadProgram.Trailer, StringComparison.Ordinal))
        {
            // ssh itself failed half-way: a lost connection, not a host whose sh cannot run the program.
            var cause = CarrierFailure.Classify(Name, result);
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Remote.Unreachable, TwErrorCategory.ConnectionError,
                $"{Name}: the connection was lost during the read ({WithoutHost(Name, cause.Message)}); nothing was changed, run again") with { Target = Name });
        }

        return Answer(result.StandardOutput);
    }

    internal ExecutionOutcome Apply(IHostConversation conversation, ExecutablePlan plan, ReadAnswer planned, TimeSpan lockTimeout, CancellationToken cancellation)
    {
        var persisted = plan.Persist is { } persist ? planned.RawContents.GetValueOrDefault(persist.File) : null;
        var program = Program(ApplyProgram.Build(plan, lockTimeout, persisted), ApplyProgram.Header, ReadProgram.Trailer);
        // The apply program may wait for the host's lock first; that wait is not the host hanging.
        TransportResult result;
        try
        {
            result = Run(token => conversation.Finish(program, token), ApplyProgram.Header, cancellation, lockTimeout);
        }
        catch (TwOperationException e) when (e.Primary.Id != TwErrorIds.Remote.SudoPasswordRequired && !e.IsInputError)
        {
            // The program may have reached the host before the link went: its sh can still finish it, or part of it.
            throw OutcomeUnknown(e.Primary.Message);
        }

        // ssh's own failure (255) with no complete answer: whatever the host's sh says is only part of what it did.
        if (result.ExitCode == 255 && !result.StandardOutput.Contains(ReadProgram.Trailer, StringComparison.Ordinal))
        {
            throw OutcomeUnknown(CarrierFailure.Classify(Name, result).Message);
        }

        return FoundGone(() => ApplyAnswer.Parse(Name, plan, result.StandardOutput));
    }

    // A namespace the host's own listing found and that has gone since (its container stopped) is news, not a failure,
    // as on this machine; one the user named that is not there stays the error it is.
    private T FoundGone<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (TwOperationException e) when (Namespace?.Found is not null && e.Primary.Id is TwErrorIds.Input.NoSuchNamespace or TwErrorIds.Namespace.Gone)
        {
            throw Namespaces.NamespaceErrors.Gone(Name, Namespace.Path, found: true);
        }
    }

    internal static TwOperationException OutcomeUnknown(string hostName, string cause) => new(TwDiagnostic.Error(
        TwErrorIds.Remote.OutcomeUnknown,
        TwErrorCategory.ConnectionError,
        $"{hostName}: the connection was lost while the apply ran ({Text.PrintableText.Of(WithoutHost(hostName, cause), 200)}), so TwTools cannot say what the host did: " +
        $"it may have applied the policy, part of it, or nothing, and its sh may still be finishing. Check it before applying again: " +
        $"twtools test --policy POLICY --host {hostName} (or Test-TwPolicy -HostName {hostName})") with { Target = hostName });

    private TwOperationException OutcomeUnknown(string cause) => OutcomeUnknown(Name, cause);

    private static string WithoutHost(string hostName, string message) =>
        message.StartsWith(hostName + ": ", StringComparison.Ordinal) ? message[(hostName.Length + 2)..] : message;

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
