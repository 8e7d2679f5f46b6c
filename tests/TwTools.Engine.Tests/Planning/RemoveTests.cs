using TwTools.Engine.Diagnostics;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Tests.Planning;

/// <summary>Removing a policy's persisted file: only TwTools' own, under the apply lock, saying what boot gets instead.</summary>
public class RemoveTests
{
    private const string Reuse = "    net.ipv4.tcp_tw_reuse: 1\n";

    private static PolicyRemovalResult Remove(HostTree tree, string settings, bool whatIf = false, bool force = false, RecordingOutput? output = null) =>
        PolicyRemoveOperation.Run(tree.Host(), Policies.Load(settings), new ApplyOptions { ReplaceForeignFile = force }, (_, _) => !whatIf, output ?? new RecordingOutput());

    [Fact]
    public void An_applied_policy_file_is_removed_and_the_runtime_values_stay()
    {
        using var tree = new HostTree();
        PolicyApplyOperation.Run(tree.Host(), Policies.Load(Reuse), new ApplyOptions(), (_, _) => true, new RecordingOutput());
        tree.WriteConf("/etc/sysctl.d/50-older.conf", "net.ipv4.tcp_tw_reuse = 0\n");
        var output = new RecordingOutput();

        var result = Remove(tree, Reuse, output: output);

        Assert.True(result is { Existed: true, Removed: true, WouldRemove: false });
        Assert.False(File.Exists(tree.Paths.Physical(result.File)));
        Assert.Equal("1", tree.Host().ReadKernel(default).RuntimeValue("net.ipv4.tcp_tw_reuse"));
        Assert.Contains("net.ipv4.tcp_tw_reuse 0 (/etc/sysctl.d/50-older.conf:1)", result.Note);
    }

    [Fact]
    public void What_if_removes_nothing_and_a_missing_file_is_no_error()
    {
        using var tree = new HostTree();
        PolicyApplyOperation.Run(tree.Host(), Policies.Load(Reuse), new ApplyOptions(), (_, _) => true, new RecordingOutput());

        var preview = Remove(tree, Reuse, whatIf: true);
        Assert.True(preview is { Existed: true, Removed: false, WouldRemove: true });
        Assert.True(File.Exists(tree.Paths.Physical(preview.File)));

        Remove(tree, Reuse);
        var again = Remove(tree, Reuse);
        Assert.True(again is { Existed: false, Removed: false, WouldRemove: false });
    }

    [Fact]
    public void A_file_TwTools_did_not_write_is_refused_unless_forced()
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.d/60-twtools-test.conf", "net.ipv4.tcp_tw_reuse = 1\n");

        var error = Assert.Throws<TwOperationException>(() => Remove(tree, Reuse));
        Assert.Equal(TwErrorIds.Apply.PersistFileNotOurs, error.Primary.Id);
        Assert.True(File.Exists(tree.Paths.Physical("/etc/sysctl.d/60-twtools-test.conf")));

        Assert.True(Remove(tree, Reuse, force: true).Removed);
    }
}
