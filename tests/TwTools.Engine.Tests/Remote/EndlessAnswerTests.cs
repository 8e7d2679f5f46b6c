using TwTools.Engine.Diagnostics;
using TwTools.Engine.Remote;

namespace TwTools.Engine.Tests.Remote;

/// <summary>
/// A host that answers without end fails alone and in bounded memory. The reading happens on the carrier's threads,
/// so memory is measured over the whole process, and the test runs alone (<see cref="ProcessWide"/>) so that no
/// other test's allocations count.
/// </summary>
[Collection(ProcessWide.Name)]
public sealed class EndlessAnswerTests : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-endless-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    [Fact]
    public void An_endless_answer_is_cut_at_the_cap_and_fails_that_host()
    {
        // A stand-in for ssh that answers forever.
        var transport = new StandInSsh(_directory).Transport("exec cat /dev/zero", "endless", maxChars: 4 << 20);
        var before = GC.GetTotalAllocatedBytes();

        var e = Assert.Throws<TwOperationException>(() => new RemoteKernelHost(transport, elevate: false, TimeSpan.FromSeconds(20)).ReadKernel(default));

        Assert.Equal((TwErrorIds.Remote.AnswerTooLarge, TwErrorCategory.LimitsExceeded), (e.Primary.Id, e.Primary.Category));
        Assert.StartsWith("endless: the answer passed 4 MiB", e.Primary.Message);
        Assert.True(GC.GetTotalAllocatedBytes() - before < 256L << 20, "reading should stop near the cap");
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
