using System.Management.Automation;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Text;

namespace TwTools.PowerShell.Hosting;

/// <summary>The engine's host interface on top of a cmdlet's streams.</summary>
internal sealed class CmdletOutput : IEngineOutput
{
    private readonly PSCmdlet _cmdlet;

    public CmdletOutput(PSCmdlet cmdlet, CancellationToken cancellation)
    {
        _cmdlet = cmdlet;
        Cancellation = cancellation;
    }

    public CancellationToken Cancellation { get; }

    public void WriteWarning(TwDiagnostic warning) => _cmdlet.WriteWarning(TerminalText.Escape(warning.ToString()));

    public void WriteVerbose(string message) => _cmdlet.WriteVerbose(TerminalText.Escape(message));

    // Tagged PSHOST so it shows by default, as Write-Host does, without entering the pipeline.
    // A block of lines (what a container's owner should set) keeps its lines; control characters are still escaped.
    public void WriteInformation(string message) =>
        _cmdlet.WriteInformation(new HostInformationMessage { Message = TerminalText.EscapeKeepingLines(message.TrimEnd('\n')) }, new[] { "PSHOST" });

    public void WriteError(TwDiagnostic error) => _cmdlet.WriteError(ErrorRecords.From(error, null));

    public void WriteProgress(HostProgress progress) =>
        _cmdlet.WriteProgress(new ProgressRecord(1, progress.Activity, progress.Status)
        {
            PercentComplete = progress.PercentComplete,
            RecordType = progress.IsFinished ? ProgressRecordType.Completed : ProgressRecordType.Processing,
        });
}
