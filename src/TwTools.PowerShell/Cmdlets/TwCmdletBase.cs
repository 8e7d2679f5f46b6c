using System.Management.Automation;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Policy;
using TwTools.Engine.Text;
using TwTools.PowerShell.Hosting;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>What every TwTools cmdlet shares: the engine host, Ctrl+C as cancellation, errors as records.</summary>
public abstract class TwCmdletBase : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private CmdletOutput? _host;

    internal CmdletOutput EngineOutput => _host ??= new CmdletOutput(this, _stop.Token);

    protected override void StopProcessing() => _stop.Cancel();

    /// <summary>Runs one pipeline item; its failure is a non-terminating error per diagnostic, and the pipeline goes on.</summary>
    protected void ForItem(object? target, Action body)
    {
        try
        {
            body();
        }
        catch (TwOperationException e)
        {
            WriteErrors(e.ToReport(), target);
        }
    }

    /// <summary>Each diagnostic as a non-terminating error record (or a warning), the pipeline going on.</summary>
    protected void WriteErrors(IEnumerable<TwDiagnostic> diagnostics, object? target = null)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.IsError)
            {
                WriteError(ErrorRecords.From(diagnostic, target));
            }
            else
            {
                WriteWarning(TerminalText.Escape(diagnostic.ToString()));
            }
        }
    }

    /// <summary>
    /// Each item of a result to the pipeline; with a <paramref name="view"/> ("#Process"), each is tagged with its type name
    /// plus that suffix so the format file picks the matching view. Untagged items go out as they are: no wrapper per socket.
    /// </summary>
    protected void WriteEach(object result, string? view)
    {
        if (view is null || result is not System.Collections.IEnumerable items)
        {
            WriteObject(result, enumerateCollection: true);
            return;
        }

        foreach (var item in items)
        {
            var tagged = PSObject.AsPSObject(item);
            tagged.TypeNames.Insert(0, item.GetType().FullName + view);
            WriteObject(tagged);
        }
    }

    /// <summary>Loads a policy from a PowerShell path (relative to the current location) or a library name, writing its warnings.</summary>
    protected TwPolicy LoadPolicy(string path)
    {
        var result = ModulePolicies.Library.Load(path, GetUnresolvedProviderPathFromPSPath(path));
        var policy = result.GetPolicyOrThrow();
        foreach (var warning in result.Warnings)
        {
            WriteWarning(TerminalText.Escape(warning.ToString()));
        }

        return policy;
    }

    public void Dispose()
    {
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
