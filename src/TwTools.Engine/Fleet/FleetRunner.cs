using System.Collections.Concurrent;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;

namespace TwTools.Engine.Fleet;

/// <summary>
/// Runs one operation on many hosts at once, at most <c>throttle</c> at a time, like Invoke-Command's
/// ThrottleLimit. Everything a host's work says (warnings, verbose, ShouldProcess questions) is
/// carried back to the calling thread, because a cmdlet may only write from its own pipeline thread.
/// Results come back in the order the hosts were given, so several answers line up with their hosts
/// (as Test-Path's do with several paths) and reports do not change from run to run.
/// Every host ends with exactly one outcome, whatever its work throws; once cancelled, the run returns
/// within <see cref="StopGrace"/>, reporting hosts that did not finish by then as stopped.
/// </summary>
public static class FleetRunner
{
    /// <summary>How long a cancelled run waits for its hosts' own answers before it calls them stopped.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(500);

    public delegate T HostWork<out T>(IKernelHost target, IEngineOutput output, ShouldProcess shouldProcess);

    public static IEnumerable<HostOutcome<T>> Run<T>(
        IReadOnlyList<IKernelHost> hosts, int throttle, string activity, HostWork<T> work, ShouldProcess shouldProcess, IEngineOutput output)
    {
        // Neither is disposed: a worker abandoned after a stop may still touch them, and posting to a
        // completed queue is caught in Post.
        var events = new BlockingCollection<Action>();
        var gate = new SemaphoreSlim(Math.Max(1, throttle));
        var stop = CancellationTokenSource.CreateLinkedTokenSource(output.Cancellation);
        var outcomes = new HostOutcome<T>?[hosts.Count];
        var finished = 0;

        // A host's outcome travels through the same queue as its messages, so it never overtakes them.
        void Finish(int index, HostOutcome<T> outcome) => Post(events, () =>
        {
            if (outcomes[index] is null)
            {
                outcomes[index] = outcome;
                finished++;
                output.WriteProgress(new HostProgress(activity, $"{outcome.Host}: {(outcome.Succeeded ? "done" : "failed")}", finished, hosts.Count));
            }
        });

        // The bar shows "0 of N" at once, not only when the first host has finished.
        if (hosts.Count > 0)
        {
            output.WriteProgress(new HostProgress(activity, $"{hosts.Count} host(s), {Math.Min(hosts.Count, Math.Max(1, throttle))} at a time", 0, hosts.Count));
        }

        // Carriers block on ssh processes and sessions: give each host its own thread rather than starve the pool.
        var tasks = hosts.Select((host, index) => Task.Factory.StartNew(
            () => Finish(index, RunOne(host, gate, stop.Token, () => work(host, new RelayedOutput(events, output, stop.Token), RelayedOutput.Marshal(events, shouldProcess, stop.Token)))),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToArray();

        var yielded = 0;
        DateTime? deadline = null;
        try
        {
            while (yielded < hosts.Count)
            {
                if (deadline is null)
                {
                    try
                    {
                        events.Take(output.Cancellation)();
                    }
                    catch (OperationCanceledException)
                    {
                        // Ctrl+C: no new host starts, running carriers are killed, and the run ends soon.
                        stop.Cancel();
                        deadline = DateTime.UtcNow + StopGrace;
                    }
                }
                else if (events.TryTake(out var next, Remaining(deadline.Value)))
                {
                    next();
                }
                else
                {
                    for (var i = 0; i < hosts.Count; i++)
                    {
                        outcomes[i] ??= Stopped<T>(hosts[i].Name);
                    }
                }

                while (yielded < hosts.Count && outcomes[yielded] is { } outcome)
                {
                    yielded++;
                    yield return outcome;
                }
            }
        }
        finally
        {
            // Also reached when the caller stops reading early: stop the rest, wait briefly, never hang.
            if (yielded < hosts.Count)
            {
                stop.Cancel();
            }

            var allDone = Task.WaitAll(tasks, deadline is { } stoppedAt ? Remaining(stoppedAt) : StopGrace);
            events.CompleteAdding();
            if (allDone)
            {
                stop.Dispose();
                gate.Dispose();
                events.Dispose();
            }
        }
    }

    private static HostOutcome<T> RunOne<T>(IKernelHost host, SemaphoreSlim gate, CancellationToken stop, Func<T> work)
    {
        try
        {
            gate.Wait(stop);
        }
        catch (OperationCanceledException)
        {
            return Stopped<T>(host.Name);
        }

        try
        {
            return new HostOutcome<T>(host.Name, work(), []);
        }
        catch (TwOperationException e)
        {
            // Every error of a host's work says which host, whichever layer raised it.
            return new HostOutcome<T>(host.Name, default, e.Diagnostics.Select(d => Named(host.Name, d)).ToList());
        }
        catch (OperationCanceledException)
        {
            return Stopped<T>(host.Name);
        }
        catch (Exception e)
        {
            // The last resort: whatever a carrier or the engine did not foresee still ends this host only.
            return new HostOutcome<T>(host.Name, default, [UnexpectedFailure.Of(host.Name, e)]);
        }
        finally
        {
            gate.Release();
        }
    }

    private static TwDiagnostic Named(string host, TwDiagnostic diagnostic) =>
        diagnostic.Message.StartsWith(host + ":", StringComparison.Ordinal) || diagnostic.File is not null
            ? diagnostic
            : diagnostic with { Message = $"{host}: {diagnostic.Message}", Target = diagnostic.Target ?? host };

    internal static void Post(BlockingCollection<Action> events, Action action)
    {
        try
        {
            events.Add(action);
        }
        catch (InvalidOperationException)
        {
            // The run already returned (stopped); nobody is listening for this worker any more.
        }
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private static HostOutcome<T> Stopped<T>(string host) =>
        new(host, default, [TwDiagnostic.Error(TwErrorIds.Host.Stopped, TwErrorCategory.OperationStopped, $"{host}: stopped before it finished; check the host with twtools test if it was mid-apply") with { Target = host }]);
}
