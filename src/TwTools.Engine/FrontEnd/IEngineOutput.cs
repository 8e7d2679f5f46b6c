using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.FrontEnd;

/// <summary>
/// What the engine needs from whoever runs it: a cmdlet maps these onto WriteWarning, WriteVerbose,
/// WriteError and WriteProgress; the CLI onto stderr. The engine never sees a PSCmdlet.
/// </summary>
public interface IEngineOutput
{
    void WriteWarning(TwDiagnostic warning);

    void WriteVerbose(string message);

    /// <summary>A short outcome a person should see by default ("no change"), not data for the pipeline.</summary>
    void WriteInformation(string message);

    /// <summary>A non-terminating error: one item failed, the operation goes on with the others.</summary>
    void WriteError(TwDiagnostic error);

    /// <summary>Progress of a run over many hosts; hosts that show none ignore it.</summary>
    void WriteProgress(HostProgress progress)
    {
    }

    /// <summary>Cancelled by Ctrl+C (StopProcessing) or a pipeline timeout.</summary>
    CancellationToken Cancellation { get; }
}
