using System.Collections.Concurrent;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Hosting;

namespace TwTools.Engine.Fleet;

/// <summary>
/// Runs one operation on many hosts at once, at most <c>throttle</c> at a time, like Invoke-Command's
/// ThrottleLimit. Everything a host's work says (warnings, verbose, ShouldProcess questions) is
/// carried back to the calling thread, because a cmdlet may only write from its own pipeline thread;
/// results come back in the order hosts finish. A failing host is one outcome, the others go on.
/// </summary>
public static class FleetRunner
{
    public delegate T HostWork<out T>(IKernelHost host, IEngineHost output, ShouldProcess shouldProcess);

    public static IEnumerable<HostOutcome<T>> Run<T>(
        IReadOnlyList<IKernelHost> hosts, int throttle, string activity, HostWork<T> work, ShouldProcess shouldProcess, IEngineHost output)
    {
        using var events = new BlockingCollection<Action>();
        using var gate = new SemaphoreSlim(Math.Max(1, throttle));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(output.Cancellation);
        // A host's outcome travels through the same queue as its messages, so it never overtakes them.
        var finished = new Queue<HostOutcome<T>>();
        void Finish(HostOutcome<T> outcome) => events.Add(() => finished.Enqueue(outcome));

        // Carriers block on ssh processes: give each host its own thread rather than starve the pool.
        var tasks = hosts.Select(host => Task.Factory.StartNew(
            () =>
            {
                try
                {
                    gate.Wait(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    Finish(Stopped<T>(host.Name));
                    return;
                }

                try
                {
                    var relay = new RelayedEngineHost(events, output, stop.Token);
                    Finish(Attempt(host, () => work(host, relay, relay.Marshal(shouldProcess))));
                }
                finally
                {
                    gate.Release();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)).ToList();

        var done = 0;
        try
        {
            while (done < hosts.Count)
            {
                Action next;
                try
                {
                    next = events.Take(output.Cancellation);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop starting hosts and kill running carriers; each reports as stopped.
                    stop.Cancel();
                    next = events.Take();
                }

                next();
                while (finished.TryDequeue(out var outcome))
                {
                    done++;
                    output.WriteProgress(new HostProgress(activity, $"{outcome.Host}: {(outcome.Succeeded ? "done" : "failed")}", done, hosts.Count));
                    yield return outcome;
                }
            }
        }
        finally
        {
            // Also reached when the caller stops reading early: no worker may outlive the queue it reports to.
            if (done < hosts.Count)
            {
                stop.Cancel();
            }

            Task.WaitAll(tasks.ToArray());
        }
    }

    private static HostOutcome<T> Attempt<T>(IKernelHost host, Func<T> work)
    {
        try
        {
            return new HostOutcome<T>(host.Name, work(), []);
        }
        catch (TwException e)
        {
            return new HostOutcome<T>(host.Name, default, e.Diagnostics.ToList());
        }
        catch (OperationCanceledException)
        {
            return Stopped<T>(host.Name);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return new HostOutcome<T>(host.Name, default, [TwDiagnostic.Error(TwErrorIds.HostUnreachable, TwErrorCategory.ConnectionError, $"{host.Name}: {e.Message}") with { Target = host.Name }]);
        }
    }

    private static HostOutcome<T> Stopped<T>(string host) =>
        new(host, default, [TwDiagnostic.Error(TwErrorIds.Stopped, TwErrorCategory.OperationStopped, $"{host}: stopped before it finished; check the host with twtools test if it was mid-apply") with { Target = host }]);
}
