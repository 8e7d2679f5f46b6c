using TwTools.Engine.Diagnostics;
using TwTools.Engine.Fleet;
using TwTools.Engine.Hosts;
using TwTools.Engine.Kernel;
using TwTools.Engine.Sockets;
using Xunit;

namespace TwTools.Engine.Tests.Remote;

public class FleetRunnerTests
{
    private sealed class NamedHost(string name) : IKernelHost
    {
        public string Name => name;

        public KernelSnapshot ReadKernel(CancellationToken cancellation) => throw new NotSupportedException();

        public bool IsThisMachine => false;

        public HostSockets OpenSockets(SocketSourceKind kind, CancellationToken cancellation) => throw new NotSupportedException();

        public IApplySession BeginApply(TimeSpan lockTimeout, CancellationToken cancellation) => throw new NotSupportedException();
    }

    private static List<IKernelHost> Hosts(int count) => Enumerable.Range(0, count).Select(i => (IKernelHost)new NamedHost("h" + i)).ToList();

    [Fact]
    public void Runs_at_most_throttle_hosts_at_once_and_returns_every_host()
    {
        var running = 0;
        var peak = 0;
        var output = new RecordingOutput();
        var outcomes = FleetRunner.Run(Hosts(12), 3, "test", (host, _, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep(30);
            Interlocked.Decrement(ref running);
            return host.Name;
        }, (_, _) => true, output).ToList();

        Assert.Equal(12, outcomes.Count);
        Assert.Equal(Enumerable.Range(0, 13), output.Progress.Select(p => p.Completed));
        Assert.True(output.Progress[^1].IsFinished);
        Assert.Equal(3, peak);
        Assert.All(outcomes, o => Assert.Equal(o.Host, o.Result));
    }

    [Fact]
    public void Progress_shows_none_of_n_done_before_any_host_finishes()
    {
        var output = new RecordingOutput();
        using var release = new ManualResetEventSlim();
        using var enumerator = FleetRunner.Run(Hosts(3), 2, "test", (host, _, _) => release.Wait(TimeSpan.FromSeconds(10)) ? host.Name : host.Name, (_, _) => true, output).GetEnumerator();

        var first = Task.Run(enumerator.MoveNext);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (output.Progress.Count == 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(10);
        }

        var start = Assert.Single(output.Progress.ToList());
        release.Set();
        Assert.True(first.Wait(TimeSpan.FromSeconds(10)));
        Assert.Equal((0, 3), (start.Completed, start.Total));
        Assert.Contains("3 host(s), 2 at a time", start.Status);
    }

    [Fact]
    public void A_failing_host_is_one_outcome_and_the_others_go_on()
    {
        var outcomes = FleetRunner.Run(Hosts(4), 4, "test", (host, _, _) =>
            host.Name == "h2" ? throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Remote.Unreachable, TwErrorCategory.ConnectionError, "h2: down")) : host.Name,
            (_, _) => true, new RecordingOutput()).ToList();

        var failed = Assert.Single(outcomes, o => !o.Succeeded);
        Assert.Equal(("h2", TwErrorIds.Remote.Unreachable), (failed.Host, failed.Errors[0].Id));
        Assert.Equal(3, outcomes.Count(o => o.Succeeded));
    }

    [Fact]
    public void Messages_and_ShouldProcess_reach_the_calling_thread_and_a_host_message_never_trails_its_result()
    {
        var caller = Environment.CurrentManagedThreadId;
        var output = new RecordingOutput();
        var askedOn = new List<int>();
        var seen = new List<string>();
        foreach (var outcome in FleetRunner.Run(Hosts(6), 6, "test", (host, relay, shouldProcess) =>
        {
            relay.WriteInformation(host.Name + " says hi");
            return shouldProcess(host.Name, "change") ? host.Name : "refused";
        }, (target, _) => { askedOn.Add(Environment.CurrentManagedThreadId); return target != "h1"; }, output))
        {
            Assert.Contains(outcome.Host + " says hi", output.Information);
            seen.Add(outcome.Result!);
        }

        Assert.All(askedOn, id => Assert.Equal(caller, id));
        Assert.Equal(6, askedOn.Count);
        Assert.Contains("refused", seen);
    }

    [Fact]
    public void Cancellation_stops_waiting_hosts_and_reports_them_stopped()
    {
        using var stop = new CancellationTokenSource();
        var output = new RecordingOutput { Cancellation = stop.Token };
        var outcomes = FleetRunner.Run(Hosts(5), 1, "test", (host, relay, _) =>
        {
            stop.Cancel();
            relay.Cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(5));
            relay.Cancellation.ThrowIfCancellationRequested();
            return host.Name;
        }, (_, _) => true, output).ToList();

        Assert.Equal(5, outcomes.Count);
        Assert.All(outcomes, o => Assert.Equal(TwErrorIds.Host.Stopped, o.Errors.Single().Id));
    }

    [Fact]
    public void Any_exception_a_host_throws_ends_that_host_with_one_error_naming_it()
    {
        var outcomes = Bounded(() => FleetRunner.Run(Hosts(3), 3, "test", (host, _, _) =>
            host.Name == "h1" ? throw new InvalidCastException("bad\u001b]0;title\u0007 cast") : host.Name,
            (_, _) => true, new RecordingOutput()).ToList());

        Assert.Equal(["h0", "h1", "h2"], outcomes.Select(o => o.Host));
        var error = Assert.Single(outcomes[1].Errors);
        Assert.Equal((TwErrorIds.Host.Unexpected, "h1"), (error.Id, error.Target));
        Assert.Contains("h1: failed: bad?]0;title? cast (InvalidCastException)", error.Message);
        Assert.False(outcomes[1].IsInputError);
        Assert.True(outcomes[0].Succeeded && outcomes[2].Succeeded);
    }

    [Fact]
    public void Outcomes_come_in_the_order_hosts_were_given_whatever_order_they_finish_in()
    {
        var outcomes = Bounded(() => FleetRunner.Run(Hosts(5), 5, "test", (host, _, _) =>
        {
            Thread.Sleep(50 * (5 - int.Parse(host.Name[1..])));
            return host.Name;
        }, (_, _) => true, new RecordingOutput()).ToList());

        Assert.Equal(["h0", "h1", "h2", "h3", "h4"], outcomes.Select(o => o.Result));
    }

    [Fact]
    public void A_stop_returns_within_a_second_even_when_a_host_ignores_cancellation()
    {
        using var stop = new CancellationTokenSource();
        using var release = new ManualResetEventSlim();
        var output = new RecordingOutput { Cancellation = stop.Token };
        long stoppedAt = 0;
        var outcomes = Bounded(() => FleetRunner.Run(Hosts(3), 3, "test", (host, _, _) =>
        {
            if (host.Name == "h1")
            {
                Thread.Sleep(100);
                Interlocked.Exchange(ref stoppedAt, System.Diagnostics.Stopwatch.GetTimestamp());
                stop.Cancel();
                return host.Name;
            }

            release.Wait(TimeSpan.FromSeconds(30)); // a carrier stuck in a call that cannot be cancelled
            return host.Name;
        }, (_, _) => true, output).ToList());
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(Interlocked.Read(ref stoppedAt));
        release.Set();

        // Measured from the stop (Ctrl+C), not from the start: starting threads on a loaded machine is not the bar.
        Assert.True(elapsed < TimeSpan.FromSeconds(1), elapsed.ToString());
        Assert.Equal(3, outcomes.Count);
        Assert.Equal(TwErrorIds.Host.Stopped, outcomes[0].Errors.Single().Id);
        Assert.Equal(TwErrorIds.Host.Stopped, outcomes[2].Errors.Single().Id);
    }

    [Fact]
    public void A_caller_that_stops_reading_early_is_not_held_by_a_stuck_host()
    {
        using var release = new ManualResetEventSlim();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = Bounded(() => FleetRunner.Run(Hosts(2), 2, "test", (host, _, _) =>
        {
            if (host.Name == "h1")
            {
                release.Wait(TimeSpan.FromSeconds(30));
            }

            return host.Name;
        }, (_, _) => true, new RecordingOutput()).First());
        clock.Stop();
        release.Set();

        Assert.Equal("h0", first.Result);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
    }

    [Fact]
    public void A_question_still_queued_when_the_run_stops_is_never_asked()
    {
        using var stop = new CancellationTokenSource();
        var output = new RecordingOutput { Cancellation = stop.Token };
        var asked = 0;
        var outcomes = Bounded(() => FleetRunner.Run(Hosts(1), 1, "test", (host, relay, shouldProcess) =>
        {
            stop.Cancel();
            return shouldProcess(host.Name, "change") ? "changed" : "refused";
        }, (_, _) => { Interlocked.Increment(ref asked); return true; }, output).ToList());

        Assert.Equal(0, asked);
        Assert.Equal(TwErrorIds.Host.Stopped, outcomes.Single().Errors.Single().Id);
    }

    // A regression to a hang fails the test instead of stalling the run.
    private static T Bounded<T>(Func<T> run) => Task.Run(run).WaitAsync(TimeSpan.FromSeconds(20)).GetAwaiter().GetResult();

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
