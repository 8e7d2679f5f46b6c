using TwTools.Engine.LocalMachine;
using Xunit;

namespace TwTools.Engine.Tests.LocalMachine;

/// <summary>The replace every persisted and .prom file goes through, against a directory someone else can write.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("twtools-atomic-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_link_planted_at_the_temp_name_is_replaced_not_followed()
    {
        var victim = Path.Combine(_directory, "victim");
        File.WriteAllText(victim, "precious");
        var target = Path.Combine(_directory, "twtools.prom");
        var temp = Path.Combine(_directory, $".twtools.prom{AtomicFile.TempMarker}{Environment.ProcessId}.tmp");
        File.CreateSymbolicLink(temp, victim);

        AtomicFile.Write(target, "new content\n", previous: null);

        Assert.Equal("precious", File.ReadAllText(victim));
        Assert.Equal("new content\n", File.ReadAllText(target));
        Assert.False(File.Exists(temp) || new FileInfo(temp).LinkTarget is not null);
    }

    [Fact]
    public void The_target_is_replaced_whole_with_no_temp_left_behind()
    {
        var target = Path.Combine(_directory, "60-x.conf");
        File.WriteAllText(target, "old\n");

        AtomicFile.Write(target, "new\n", previous: "old\n");

        Assert.Equal("new\n", File.ReadAllText(target));
        Assert.Equal(["60-x.conf"], Directory.GetFiles(_directory).Select(Path.GetFileName));
    }
}
