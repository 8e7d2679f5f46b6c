using TwTools.Engine.Operations;

namespace TwTools.Engine.Tests.Metrics;

/// <summary>The exporter's cap on real work: one collection per interval, shared by scrapes that overlap, and a failed one said.</summary>
public class ScrapeCacheTests
{
    [Fact]
    public async Task Scrapes_within_the_interval_share_a_collection_and_one_after_it_collects_again()
    {
        var clock = new ManualClock();
        var calls = 0;
        using var cache = new ScrapeCache(_ => $"twtools_x {++calls}\n", TimeSpan.FromSeconds(15), _ => { }, clock);

        var first = await cache.ScrapeAsync(default, default);
        clock.Now += TimeSpan.FromSeconds(14);
        var second = await cache.ScrapeAsync(default, default);
        clock.Now += TimeSpan.FromSeconds(1);
        var third = await cache.ScrapeAsync(default, default);

        Assert.StartsWith("twtools_x 1\n", second);
        Assert.Contains("twtools_exporter_collect_age_seconds 14\n", second);
        Assert.StartsWith("twtools_x 2\n", third);
        Assert.Contains("twtools_exporter_collections_total 2\n", third);
        Assert.Contains("twtools_exporter_collect_success 1\n", first);
    }

    [Fact]
    public async Task Overlapping_scrapes_wait_for_the_one_collection_in_progress()
    {
        using var release = new ManualResetEventSlim();
        var calls = 0;
        using var cache = new ScrapeCache(_ => { Interlocked.Increment(ref calls); release.Wait(TimeSpan.FromSeconds(30)); return "twtools_x 1\n"; }, TimeSpan.FromMinutes(1), _ => { });

        var scrapes = Enumerable.Range(0, 5).Select(_ => cache.ScrapeAsync(default, default)).ToList();
        release.Set();
        var answers = await Task.WhenAll(scrapes).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, calls);
        Assert.All(answers, a => Assert.StartsWith("twtools_x 1\n", a));
    }

    [Fact]
    public async Task A_collection_that_fails_as_a_whole_is_said_and_served_as_collect_success_0()
    {
        var said = new List<Exception>();
        using var cache = new ScrapeCache(_ => throw new IOException("no /proc"), TimeSpan.Zero, said.Add);

        var answer = await cache.ScrapeAsync(default, default);

        Assert.Contains("twtools_exporter_collect_success 0\n", answer);
        Assert.Equal("no /proc", Assert.Single(said).Message);
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
