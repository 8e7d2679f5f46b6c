using System.Collections.Concurrent;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Hosting;

namespace TwTools.Engine.Fleet;

/// <summary>A worker thread's <see cref="IEngineHost"/>: each call becomes an action the calling thread runs.</summary>
internal sealed class RelayedEngineHost(BlockingCollection<Action> events, IEngineHost target, CancellationToken cancellation) : IEngineHost
{
    public CancellationToken Cancellation => cancellation;

    public void WriteWarning(TwDiagnostic warning) => events.Add(() => target.WriteWarning(warning));

    public void WriteVerbose(string message) => events.Add(() => target.WriteVerbose(message));

    public void WriteInformation(string message) => events.Add(() => target.WriteInformation(message));

    public void WriteError(TwDiagnostic error) => events.Add(() => target.WriteError(error));

    /// <summary>ShouldProcess answered on the calling thread (where -Confirm can prompt) while this worker waits.</summary>
    public ShouldProcess Marshal(ShouldProcess shouldProcess) => (targetName, action) =>
    {
        var answer = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        events.Add(() =>
        {
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
