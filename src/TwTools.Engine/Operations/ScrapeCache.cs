using System.Diagnostics;
using TwTools.Engine.Metrics;

namespace TwTools.Engine.Operations;

/// <summary>
/// What an exporter serves on each scrape: the real work (reading every target's sockets and settings) runs at most once
/// per <c>minInterval</c> however often, and by however many, it is scraped; scrapes that arrive during a run wait for
/// it and share it. Each answer ends with the exporter's own series, so a stale or failed collection is visible.
/// </summary>
public sealed class ScrapeCache : IDisposable
{
    private readonly Func<CancellationToken, string> _collect;
    private readonly TimeSpan _minInterval;
    private readonly TimeProvider _clock;
    private readonly Action<Exception> _failed;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Collection? _last;
    private long _runs;

    /// <param name="collect">One collection: Prometheus text for every target, a failed target as its failure series.</param>
    /// <param name="failed">Told why a whole collection failed (one target failing is in its series instead).</param>
    public ScrapeCache(Func<CancellationToken, string> collect, TimeSpan minInterval, Action<Exception> failed, TimeProvider? clock = null) =>
        (_collect, _minInterval, _failed, _clock) = (collect, minInterval, failed, clock ?? TimeProvider.System);

    /// <summary>Real collections since the exporter started.</summary>
    public long Runs => Interlocked.Read(ref _runs);

    /// <param name="stopping">Stops a collection only when the exporter stops: a scraper that hangs up does not waste the run others wait for.</param>
    public async Task<string> ScrapeAsync(CancellationToken waiting, CancellationToken stopping)
    {
        await _gate.WaitAsync(waiting).ConfigureAwait(false);
        try
        {
            var now = _clock.GetUtcNow();
            if (_last is null || now - _last.At >= _minInterval)
            {
                _last = await Task.Run(() => Collect(now, stopping), stopping).ConfigureAwait(false);
            }

            return _last.Text + Self(_last, _clock.GetUtcNow());
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private Collection Collect(DateTimeOffset at, CancellationToken stopping)
    {
        var timer = Stopwatch.StartNew();
        try
        {
            var text = _collect(stopping);
            return new Collection(text, at, timer.Elapsed.TotalSeconds, Success: true);
        }
        catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
        {
            _failed(e);
            return new Collection(string.Empty, at, timer.Elapsed.TotalSeconds, Success: false);
        }
        finally
        {
            Interlocked.Increment(ref _runs);
            // A collection's garbage (every socket of every namespace) is dead once its text is made. The GC sizes its
            // first generation from the L3 cache (504 MiB on the build VMs), so a long-running exporter would otherwise
            // hold 100 MiB it no longer uses; collections are seconds apart, so returning it costs a few milliseconds.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    private string Self(Collection last, DateTimeOffset now)
    {
        var text = new PrometheusText();
        text.Declare("twtools_exporter_collect_success", "gauge", "1 when the collection behind this scrape ran (a target it could not read is twtools_run_success 0), 0 when it failed as a whole.");
        text.Declare("twtools_exporter_collect_duration_seconds", "gauge", "How long the collection behind this scrape took.");
        text.Declare("twtools_exporter_collect_age_seconds", "gauge", "How old the collection behind this scrape is: scrapes closer together than the minimum interval share one.");
        text.Declare("twtools_exporter_collections_total", "counter", "Collections run since the exporter started.");
        text.Add("twtools_exporter_collect_success", last.Success ? 1 : 0);
        text.Add("twtools_exporter_collect_duration_seconds", Math.Round(last.Seconds, 6));
        text.Add("twtools_exporter_collect_age_seconds", Math.Round(Math.Max(0, (now - last.At).TotalSeconds), 3));
        text.Add("twtools_exporter_collections_total", Runs);
        return text.ToString();
    }

    private sealed record Collection(string Text, DateTimeOffset At, double Seconds, bool Success);
}
