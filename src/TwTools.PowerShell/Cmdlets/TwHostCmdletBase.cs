using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Fleet;
using TwTools.Engine.Hosting;
using TwTools.Engine.Remote;
using TwTools.PowerShell.Hosting;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// The remote parameters all four cmdlets share, as Invoke-Command has them: hosts bound from the
/// pipeline are collected and worked on in parallel at the end, at most -ThrottleLimit at a time; a
/// failing host is one error record naming it, and the others go on. No host means this machine.
/// </summary>
public abstract class TwHostCmdletBase<T> : TwCmdletBase
{
    private readonly List<(IKernelHost Host, FleetRunner.HostWork<T> Work)> _queued = [];

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "Cn")]
    [ValidateNotNullOrEmpty]
    public string[]? HostName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public PSSession[]? Session { get; set; }

    [Parameter]
    public string[]? SshOption { get; set; }

    [Parameter]
    public string? IdentityFile { get; set; }

    [Parameter]
    public SwitchParameter UseSudo { get; set; }

    [Parameter]
    public SwitchParameter AcceptNewHostKey { get; set; }

    [Parameter]
    [ValidateRange(1, 1024)]
    public int ThrottleLimit { get; set; } = 32;

    /// <summary>Runs <paramref name="work"/> here at once, or queues it for each remote host of this record.</summary>
    protected void OnHosts(FleetRunner.HostWork<T> work, Action<T> write)
    {
        if (HostName is null && Session is null)
        {
            ForItem(null, () => write(work(new LocalKernelHost(), EngineHost, ShouldProcess)));
            return;
        }

        // Checked once here rather than once per host, so a bad option is one error.
        var options = SshOption ?? [];
        var valid = false;
        ForItem(nameof(SshOption), () =>
        {
            foreach (var option in options)
            {
                SshOptionPolicy.Validate(option);
            }

            valid = true;
        });
        if (!valid)
        {
            return;
        }

        var settings = new SshSettings { Options = options, IdentityFile = IdentityFile is null ? null : GetUnresolvedProviderPathFromPSPath(IdentityFile), AcceptNewHostKey = AcceptNewHostKey };
        foreach (var name in HostName ?? [])
        {
            ForItem(name, () => _queued.Add((new RemoteKernelHost(new OpenSshTransport(HostAddress.Parse(name), settings), UseSudo), work)));
        }

        foreach (var session in Session ?? [])
        {
            _queued.Add((new RemoteKernelHost(new PSSessionTransport(session), UseSudo), work));
        }
    }

    /// <summary>Set by each cmdlet: how its results reach the pipeline.</summary>
    protected abstract void Write(T result);

    protected abstract string Activity { get; }

    protected override void EndProcessing()
    {
        var works = _queued.ToDictionary(q => q.Host, q => q.Work);
        foreach (var outcome in FleetRunner.Run(_queued.Select(q => q.Host).ToList(), ThrottleLimit, Activity, (h, o, s) => works[h](h, o, s), ShouldProcess, EngineHost))
        {
            if (outcome.Succeeded)
            {
                Write(outcome.Result!);
                continue;
            }

            ForItem(outcome.Host, () => throw new TwException(outcome.Errors.ToList()));
        }
    }
}
