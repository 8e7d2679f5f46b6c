using TwTools.Engine.Diagnostics;
using TwTools.Engine.Remote;

namespace TwTools.Engine.Tests.Remote;

/// <summary>A remote host that never answers, or answers without end, fails alone and in bounded time and memory.</summary>
public sealed class RemoteLimitTests : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-limits-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    // A carrier stuck in a call until it is cancelled, as ssh is when a host accepts and never speaks.
    private sealed class SilentTransport : IHostTransport
    {
        public string HostName => "silent";

        public TransportResult Run(string program, bool elevate, CancellationToken cancellation)
        {
            cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(30));
            cancellation.ThrowIfCancellationRequested();
            throw new InvalidOperationException("the deadline never came");
        }
    }

    [Fact]
    public void A_host_that_never_answers_times_out_with_its_own_id()
    {
        var host = new RemoteKernelHost(new SilentTransport(), elevate: false, TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var e = Assert.Throws<TwOperationException>(() => host.ReadKernel(default));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), clock.Elapsed.ToString());
        Assert.Equal((TwErrorIds.Remote.Timeout, TwErrorCategory.OperationTimeout, "silent"), (e.Primary.Id, e.Primary.Category, e.Primary.Target));
        Assert.False(e.IsInputError);
    }

    [Fact]
    public void A_user_stop_is_still_a_stop_and_not_a_timeout()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var host = new RemoteKernelHost(new SilentTransport(), elevate: false, TimeSpan.FromSeconds(20));

        Assert.ThrowsAny<OperationCanceledException>(() => host.ReadKernel(stop.Token));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
