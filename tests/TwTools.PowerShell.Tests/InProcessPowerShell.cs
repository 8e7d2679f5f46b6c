using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace TwTools.PowerShell.Tests;

/// <summary>
/// A runspace of the real PowerShell 7.6 engine (Microsoft.PowerShell.SDK) in the test process, with
/// the module imported from the folder users get. Each call's streams come back apart, so a test can
/// assert error records, warnings and output objects as a script would see them.
/// </summary>
public sealed class InProcessPowerShell : IDisposable
{
    private readonly Runspace _runspace;

    public InProcessPowerShell(bool importModule = true, System.Management.Automation.Host.PSHost? host = null)
    {
        _runspace = host is null
            ? RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2())
            : RunspaceFactory.CreateRunspace(host, InitialSessionState.CreateDefault2());
        _runspace.Open();
        if (importModule)
        {
            Invoke("Import-Module -Name $args[0] -ErrorAction Stop", ModuleUnderTest.Manifest).ThrowOnError();
        }
    }

    public Invocation Invoke(string script, params object?[] arguments)
    {
        using var shell = System.Management.Automation.PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        foreach (var argument in arguments)
        {
            shell.AddArgument(argument);
        }

        Collection<PSObject> output;
        RuntimeException? terminating = null;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException e)
        {
            output = [];
            terminating = e;
        }

        return new Invocation(output, shell.Streams.Error.ToList(), shell.Streams.Warning.Select(w => w.Message).ToList(), shell.Streams.Information.ToList(), terminating)
        {
            Progress = shell.Streams.Progress.ToList(),
        };
    }

    public void Dispose() => _runspace.Dispose();

    public sealed record Invocation(
        IReadOnlyList<PSObject> Output, IReadOnlyList<ErrorRecord> Errors, IReadOnlyList<string> Warnings, IReadOnlyList<InformationRecord> Information, RuntimeException? Terminating)
    {
        public IReadOnlyList<ProgressRecord> Progress { get; init; } = [];

        public Invocation ThrowOnError()
        {
            if (Terminating is not null || Errors.Count > 0)
            {
                throw new InvalidOperationException("PowerShell failed: " + (Terminating?.Message ?? string.Join("; ", Errors.Select(e => e.FullyQualifiedErrorId + ": " + e))));
            }

            return this;
        }
    }
}
