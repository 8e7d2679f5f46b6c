using System.Management.Automation;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Fleet;
using TwTools.Engine.Text;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// The queued hosts' run, at the end of the pipeline: results and errors written in the order the hosts were given,
/// hosts refused before the run in their places, and -ErrorAction Stop that never hides a host still being worked on.
/// </summary>
public abstract partial class TwHostCmdletBase
{
    protected override void EndProcessing()
    {
        try
        {
            RunQueued();
        }
        finally
        {
            ReleaseNamespaces();
        }
    }

    private void RunQueued()
    {
        ExpandRemoteNamespaces();
        var runnable = _queued.Where(q => q.Host is not null).ToList();
        var work = runnable.ToDictionary(q => q.Host!, q => q.Work!);
        var pending = new Queue<QueuedHost>(_queued);
        _stopAtFirstError = ErrorActionIsStop();

        // Hosts refused ahead of the first one to run are reported before any host starts, so their stop stops everything.
        WriteRefusedAhead(pending);

        // -ErrorAction Stop ends the command at its first error, but a host already being worked on cannot be called back
        // (an apply may be half-way through its writes). So the first error is held: no host starts after it, the ones in
        // flight finish and are reported (their failures as warnings), and then the held error stops the command.
        FleetRunner.HostWork<Action> gated = (h, o, s) => Volatile.Read(ref _held) is null ? work[h](h, o, s) : throw new OperationCanceledException();
        var outcomes = _held is null ? FleetRunner.Run(runnable.Select(q => q.Host!).ToList(), ThrottleLimit, Activity, gated, ShouldProcess, EngineOutput) : [];
        foreach (var outcome in outcomes)
        {
            pending.TryDequeue(out _);
            WriteOutcome(outcome);

            // Hosts refused before the run answer in their place among the others: input order holds.
            WriteRefusedAhead(pending);
        }

        _held?.Invoke();
    }

    private bool _stopAtFirstError;
    private Action? _held;

    private bool ErrorActionIsStop() =>
        (MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) ? bound : SessionState.PSVariable.GetValue("ErrorActionPreference"))?.ToString() == nameof(ActionPreference.Stop);

    private void WriteRefusedAhead(Queue<QueuedHost> pending)
    {
        while (pending.TryPeek(out var refused) && refused.Host is null)
        {
            WriteRefused(pending.Dequeue());
        }
    }

    // The result's write runs here, on the pipeline thread, as WriteObject requires.
    private void WriteOutcome(HostOutcome<Action> outcome)
    {
        if (outcome.Succeeded)
        {
            ForItem(outcome.Host, outcome.Result!);
            return;
        }

        if (outcome.Vanished)
        {
            outcome.Errors.ToList().ForEach(EngineOutput.WriteWarning);
            return;
        }

        WriteFailedHost(outcome.Host, outcome.Errors.FirstOrDefault(e => e.IsError));
        if (_held is not null && outcome.Errors.All(e => e.Id == TwErrorIds.Host.Stopped))
        {
            WriteWarning(TerminalText.Escape($"{outcome.Host}: not started, because the command stops at an earlier error (-ErrorAction Stop)"));
            return;
        }

        // One record per failed host, every cause in its message, as ForItem writes them.
        WriteOrHold(new TwOperationException(outcome.Errors.ToList()).ToReport().ToList(), outcome.Host);
    }

    private void WriteRefused(QueuedHost refused)
    {
        WriteFailedHost(refused.Name, refused.Error!.Primary);
        if (refused.Report)
        {
            WriteOrHold(refused.Error!.ToReport().ToList(), refused.Target ?? refused.Name);
        }
    }

    /// <summary>Writes a host's errors, or under -ErrorAction Stop holds the first until the hosts in flight are done.</summary>
    private void WriteOrHold(List<TwDiagnostic> errors, object target)
    {
        if (!_stopAtFirstError)
        {
            WriteErrors(errors, target);
        }
        else if (_held is null)
        {
            Volatile.Write(ref _held, () => WriteErrors(errors, target));
        }
        else
        {
            errors.ForEach(e => WriteWarning(TerminalText.Escape($"{e} (a warning: the command stops at an earlier error)")));
        }
    }
}
