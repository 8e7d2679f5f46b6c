using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Fleet;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Namespaces;
using TwTools.Engine.Policy;
using TwTools.Engine.Remote;
using TwTools.Engine.Text;
using TwTools.PowerShell.Hosting;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// The remote parameters every host-facing cmdlet shares, as Invoke-Command has them: hosts bound
/// from the pipeline are collected and worked on in parallel at the end, at most -ThrottleLimit at a
/// time; a failing host is one error record naming it, and the others go on. No host means this machine.
/// Not generic over engine types, on purpose: PowerShell lists a module's public types on import, and
/// they must load before the engine's load context is in place.
/// </summary>
public abstract partial class TwHostCmdletBase : TwCmdletBase
{
    private readonly List<QueuedHost> _queued = [];
    private HashSet<string> _commandLine = [];
    private readonly HashSet<string> _named = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<Guid> _sessions = [];

    // Virtual so that a cmdlet with a capture to read instead of hosts can keep them out of its capture parameter sets.
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "Cn")]
    [ValidateNotNullOrEmpty]
    public virtual string[]? HostName { get; set; }

    [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public virtual PSSession[]? Session { get; set; }

    /// <summary>ip netns names or namespace files (/proc/PID/ns/net, /run/docker/netns/ID) on this machine.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public virtual string[]? NetworkNamespace { get; set; }

    /// <summary>The network namespaces these processes run in.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public virtual int[]? ProcessId { get; set; }

    /// <summary>Running podman or docker containers or pods, by name or id.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public virtual string[]? Container { get; set; }

    /// <summary>Every network namespace on this machine, each once, the host's own first.</summary>
    [Parameter]
    public virtual SwitchParameter AllNetworkNamespaces { get; set; }

    [Parameter]
    public string[]? SshOption { get; set; }

    [Parameter]
    public string? IdentityFile { get; set; }

    /// <summary>ssh -F: an ssh config file to use instead of ~/.ssh/config.</summary>
    [Parameter]
    public string? SshConfigFile { get; set; }

    [Parameter]
    public SwitchParameter UseSudo { get; set; }

    [Parameter]
    public SwitchParameter AcceptNewHostKey { get; set; }

    [Parameter]
    [ValidateRange(1, 1024)]
    [PSDefaultValue(Value = 32)]
    public int ThrottleLimit { get; set; } = 32;

    [Parameter]
    [ValidateRange(1, 86400)]
    [PSDefaultValue(Value = 120)]
    public int TimeoutSeconds { get; set; } = (int)RemoteKernelHost.DefaultTimeout.TotalSeconds;

    protected abstract string Activity { get; }

    protected override void BeginProcessing() => _commandLine = [.. MyInvocation.BoundParameters.Keys];

    /// <summary>
    /// A piped PSSession means "work through this session" and nothing else: its ComputerName must not
    /// also bind -HostName (an alias) and its State must not bind -State, so whatever else the session
    /// object bound by property name in this record is dropped before the record is worked on.
    /// </summary>
    protected sealed override void ProcessRecord()
    {
        if (Session is not null && !_commandLine.Contains(nameof(Session)))
        {
            foreach (var name in MyInvocation.BoundParameters.Keys.Where(k => k != nameof(Session) && !_commandLine.Contains(k)).ToList())
            {
                GetType().GetProperty(name)?.SetValue(this, null);
            }
        }

        ProcessItem();
    }

    /// <summary>The cmdlet's own work for one pipeline record.</summary>
    protected abstract void ProcessItem();

    /// <summary>Runs <paramref name="work"/> here at once, or queues it for each remote host of this record.</summary>
    protected void OnHosts<T>(FleetRunner.HostWork<T> work, Action<T> write)
    {
        var selection = Namespaces();
        if (!selection.IsEmpty && HostName is null && Session is null)
        {
            QueueNamespaces(selection, Deferred(work, write));
            return;
        }

        if (HostName is null && Session is null)
        {
            var local = new LocalKernelHost();
            ForItem(null, () => LastResort(local.Name, () =>
            {
                try
                {
                    write(work(local, EngineOutput, ShouldProcess));
                }
                catch (TwOperationException e)
                {
                    WriteFailedHost(local.Name, e.Primary);
                    throw;
                }
            }));
            return;
        }

        SshSettings settings;
        try
        {
            settings = HostTargets.Settings(SshOption, FileSystemPath(IdentityFile), FileSystemPath(SshConfigFile), AcceptNewHostKey);
        }
        catch (TwOperationException e)
        {
            RefuseHosts(e, nameof(SshOption));
            return;
        }

        // A host named twice is worked on once, as the CLI does: two applies at once on one host would refuse each other.
        foreach (var name in (HostName ?? []).Where(n => _named.Add(n)))
        {
            try
            {
                Queue(HostTargets.Ssh(name, settings, UseSudo, TimeSpan.FromSeconds(TimeoutSeconds)), selection, Deferred(work, write));
            }
            catch (TwOperationException e)
            {
                _queued.Add(QueuedHost.Refused(name, e, report: true));
            }
        }

        foreach (var session in (Session ?? []).Where(s => _sessions.Add(s.InstanceId)))
        {
            Queue(HostTargets.Session(session, UseSudo, TimeSpan.FromSeconds(TimeoutSeconds)), selection, Deferred(work, write));
        }
    }

    /// <summary>Loads this record's policy for <paramref name="body"/>; one that cannot be read judges none of the record's hosts.</summary>
    protected void WithPolicy(string path, Action<TwPolicy> body)
    {
        TwPolicy policy;
        try
        {
            policy = LoadPolicy(path);
        }
        catch (TwOperationException e)
        {
            RefuseHosts(e, path);
            return;
        }

        body(policy);
    }

    /// <summary>
    /// This record's hosts cannot be worked on (its policy or its ssh options were refused): the error once, and each
    /// host still takes its place in the output (Test-TwPolicy's $false), so a shorter answer never reads as a pass.
    /// </summary>
    private void RefuseHosts(TwOperationException error, object? target)
    {
        if (HostName is null && Session is null)
        {
            WriteFailedHost(new LocalKernelHost().Name, error.Primary);
            WriteErrors(error.ToReport(), target);
            return;
        }

        var names = (HostName ?? []).Concat((Session ?? []).Select(s => s.ComputerName)).ToList();
        for (var i = 0; i < names.Count; i++)
        {
            _queued.Add(QueuedHost.Refused(names[i], error, report: i == 0, target));
        }
    }

    private string? FileSystemPath(string? path) => path is null ? null : GetUnresolvedProviderPathFromPSPath(path);

    // What the fan-out does for remote hosts, here for this one: an exception nothing foresaw is one error
    // naming the host, not a terminating error with a .NET type name. Stops still stop.
    private static void LastResort(string host, Action body)
    {
        try
        {
            body();
        }
        catch (Exception e) when (e is not (TwOperationException or PipelineStoppedException or OperationCanceledException))
        {
            throw new TwOperationException(UnexpectedFailure.Of(host, e));
        }
    }

    /// <summary>What a host that failed adds to the output, before its error (<paramref name="cause"/>, when known); nothing unless a cmdlet says so.</summary>
    protected virtual void WriteFailedHost(string host, TwDiagnostic? cause)
    {
    }

    /// <summary>
    /// The failed host as an object for the output stream, so what is piped on (metrics, say) still counts it; none for
    /// input that could not be used (a capture that is not there, a host name that is not valid), where the CLI too
    /// writes no series.
    /// </summary>
    protected void WriteFailure(string host, string command, TwDiagnostic? cause, bool wanted = true)
    {
        if (wanted && cause?.IsBadInput != true)
        {
            var (machine, ns) = Target(host);
            WriteObject(new HostFailure(machine, command, cause?.Id ?? TwErrorIds.Host.Unexpected, cause?.Message ?? $"{host}: failed") { NetworkNamespace = ns });
        }
    }

    // A host's work returns how to write its result, so each result goes out through its own record's write. Under
    // -WhatIf nothing is asked, only told: a host's what-if lines are kept and told with its result, so they come in host order.
    private FleetRunner.HostWork<Action> Deferred<T>(FleetRunner.HostWork<T> work, Action<T> write) =>
        (host, output, shouldProcess) =>
        {
            if (!WhatIfRequested)
            {
                var result = work(host, output, shouldProcess);
                return () => write(result);
            }

            var told = new List<(string Target, string Action)>();
            var planned = work(host, output, (target, action) => { told.Add((target, action)); return false; });
            return () =>
            {
                told.ForEach(t => ShouldProcess(t.Target, t.Action));
                write(planned);
            };
        };

    private bool WhatIfRequested => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var bound)
        ? LanguagePrimitives.IsTrue(bound)
        : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

    /// <summary>
    /// -WhatIf tells each change and $ConfirmPreference = 'Low' asks about each; -Confirm alone asks once per host
    /// for its whole plan, so a fleet is not confirmed key by key.
    /// </summary>
    protected bool AskEachChange => WhatIfRequested || string.Equals(SessionState.PSVariable.GetValue("ConfirmPreference")?.ToString(), nameof(ConfirmImpact.Low), StringComparison.OrdinalIgnoreCase);

    /// <summary>A host to work on, or one refused before the run (no <see cref="Host"/>) with the error that refused it.</summary>
    private sealed record QueuedHost(string Name, IKernelHost? Host, FleetRunner.HostWork<Action>? Work)
    {
        public TwOperationException? Error { get; init; }

        public bool Report { get; init; }

        public object? Target { get; init; }

        /// <summary>Namespaces of this remote host to find before the run (-Container, -AllNetworkNamespaces).</summary>
        public NamespaceSelection? Expand { get; init; }

        public static QueuedHost Refused(string name, TwOperationException error, bool report, object? target = null) =>
            new(name, null, null) { Error = error, Report = report, Target = target };
    }
}
