using System.Collections.Concurrent;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;

namespace TwTools.Engine.Fleet;

/// <summary>A worker thread's <see cref="IEngineOutput"/>: each call becomes an action the calling thread runs.</summary>
internal sealed class RelayedOutput(BlockingCollection<Action> events, IEngineOutput target, CancellationToken cancellation) : IEngineOutput
{
    public CancellationToken Cancellation => cancellation;

    public void WriteWarning(TwDiagnostic warning) => FleetRunner.Post(events, () => target.WriteWarning(warning));

    public void WriteVerbose(string message) => FleetRunner.Post(events, () => target.WriteVerbose(message));

    public void WriteInformation(string message) => FleetRunner.Post(events, () => target.WriteInformation(message));

    public void WriteError(TwDiagnostic error) => FleetRunner.Post(events, () => target.WriteError(error));

    /// <summary>
    /// ShouldProcess answered on the calling thread (where -Confirm can prompt) while the worker waits.
    /// A question still queued when the run is stopped is never asked.
    /// </summary>
    public static ShouldProcess Marshal(BlockingCollection<Action> events, ShouldProcess shouldProcess, CancellationToken cancellation) => (targetName, action) =>
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        FleetRunner.Post(events, () =>
        {
            if (cancellation.IsCancellationRequested)
            {
                answer.TrySetCanceled(cancellation);
                return;
            }

            try
            {
                answer.SetResult(shouldProcess(targetName, action));
            }
            catch (Exception e)
            {
                answer.SetException(e);
            }
        });
        return answer.Task.WaitAsync(cancellation).GetAwaiter().GetResult();
    };
}
