using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;

namespace TwTools.Engine.Tests;

internal sealed class RecordingOutput : IEngineOutput
{
    public List<TwDiagnostic> Warnings { get; } = new();

    public List<string> Information { get; } = new();

    public List<HostProgress> Progress { get; } = new();

    public CancellationToken Cancellation { get; init; }

    public void WriteWarning(TwDiagnostic warning) => Warnings.Add(warning);

    public void WriteVerbose(string message)
    {
    }

    public void WriteInformation(string message) => Information.Add(message);

    public void WriteError(TwDiagnostic error) => Warnings.Add(error);

    public void WriteProgress(HostProgress progress) => Progress.Add(progress);
}
