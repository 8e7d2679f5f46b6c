using TwTools.Engine.Diagnostics;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;
using TwTools.Engine.Policy;
using TwTools.Engine.Remote;
using TwTools.Engine.Tests;
using TwTools.Engine.Tests.Remote;

namespace TwTools.Integration.Tests;

/// <summary>
/// The ssh carrier's apply on a real kernel, with a stand-in for ssh that starts sh inside a test
/// namespace: the read and the write travel in one sh (one session on the host), and that sh still
/// refuses a write when the host changed between them.
/// </summary>
public sealed class ApplyConversationTests : IDisposable
{
    private static readonly TwPolicy BusyClient = PolicyLoader.Load(Cli.Policy("busy-client")).Policy!;
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-conv-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private StandInSsh Ssh => new(_directory);

    private RemoteKernelHost Host(TestNamespace ns) =>
        new(Ssh.Transport($"exec ip netns exec '{ns.Name}' sh"), elevate: false, TimeSpan.FromSeconds(30));

    private int StartCount => Ssh.Started.Length;

    [Fact]
    public void A_first_run_and_a_no_op_rerun_each_start_one_session_on_the_host()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_timestamps", "0");

        var first = PolicyApplyOperation.Run(Host(ns), BusyClient, new ApplyOptions(), (_, _) => true, new RecordingOutput());
        var afterFirst = StartCount;
        var again = PolicyApplyOperation.Run(Host(ns), BusyClient, new ApplyOptions(), (_, _) => true, new RecordingOutput());

        Assert.True(first.Changed && first.PersistWritten);
        Assert.Equal("1", ns.Get("net.ipv4.tcp_timestamps"));
        Assert.Single(Directory.GetFiles(ns.SysctlD));
        Assert.False(again.Changed || again.WouldChange);
        Assert.Equal((1, 2), (afterFirst, StartCount));
    }

    [Fact]
    public void A_value_changed_while_the_user_is_asked_stops_the_write_in_the_same_sh()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_tw_reuse", "0");
        var files = ns.EtcFiles();
        // The question comes between the read and the write: the host changes while it is on screen.
        bool ChangeWhileAsked(string target, string action)
        {
            ns.Set("net.ipv4.tcp_tw_reuse", "2");
            return true;
        }

        var error = Assert.Throws<TwOperationException>(() => PolicyApplyOperation.Run(Host(ns), BusyClient, new ApplyOptions(), ChangeWhileAsked, new RecordingOutput()));

        Assert.Equal(TwErrorIds.Remote.ChangedDuringApply, error.Primary.Id);
        Assert.Equal("2", ns.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Equal(files, ns.EtcFiles());
        Assert.Equal(1, StartCount);
    }

    [Fact]
    public void A_declined_apply_ends_the_hosts_sh_without_writing()
    {
        using var ns = new TestNamespace();
        var values = ns.Values();

        var report = PolicyApplyOperation.Run(Host(ns), BusyClient, new ApplyOptions(), (_, _) => false, new RecordingOutput());

        Assert.True(report.WouldChange && !report.Changed);
        Assert.Equal(values, ns.Values());
        Assert.Empty(Directory.GetFiles(ns.SysctlD));
        // The stand-in became the host's sh (exec keeps its pid), and that sh is gone with the session.
        Assert.False(Directory.Exists("/proc/" + Ssh.Started.Single()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_write_the_kernel_rejects_puts_back_the_earlier_ones_and_names_the_cause(bool oneSh)
    {
        using var ns = new TestNamespace();
        var host = oneSh ? Host(ns) : new RemoteKernelHost(new NamespaceShellTransport(ns), elevate: false);
        using var session = host.BeginApply(TimeSpan.FromSeconds(5), default);
        var before = ns.Values();
        // tcp_tw_reuse takes 0 to 2: the kernel refuses 7 with EINVAL, after fin_timeout was already set.
        var plan = new ExecutablePlan(
            [new RuntimeWrite("net.ipv4.tcp_fin_timeout", session.Snapshot.RuntimeValue("net.ipv4.tcp_fin_timeout")!, "17"),
             new RuntimeWrite("net.ipv4.tcp_tw_reuse", session.Snapshot.RuntimeValue("net.ipv4.tcp_tw_reuse")!, "7")],
            Persist: null);

        var error = Assert.Throws<TwOperationException>(() => session.Execute(plan, default));

        Assert.Equal([TwErrorIds.Apply.KernelRejected, TwErrorIds.Apply.RolledBack], error.Diagnostics.Select(d => d.Id));
        Assert.Contains("net.ipv4.tcp_fin_timeout", error.Diagnostics[1].Message);
        Assert.Equal(before, ns.Values());
    }

    [Theory]
    [InlineData("# from policy 'it''s' $(touch /tmp/twt-pwned) `id`\nnet.ipv4.tcp_fin_timeout = 30\n")]
    [InlineData("# Größe, written through base64 since it is not ASCII\nnet.ipv4.tcp_fin_timeout = 30\n")]
    public void The_persisted_file_arrives_byte_for_byte_as_a_literal_or_through_base64(string content)
    {
        using var ns = new TestNamespace();
        using var session = Host(ns).BeginApply(TimeSpan.FromSeconds(5), default);

        session.Execute(new ExecutablePlan([], new PersistPlan("/etc/sysctl.d/60-twtools-bytes.conf", null, content)), default);

        var file = Path.Combine(ns.SysctlD, "60-twtools-bytes.conf");
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(content), File.ReadAllBytes(file));
        Assert.Equal("0 644", Shell.Check("stat", "-c", "%u %a", file).Trim());
        Assert.Equal(["60-twtools-bytes.conf"], Directory.GetFiles(ns.SysctlD).Select(Path.GetFileName));
        Assert.False(File.Exists("/tmp/twt-pwned"));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
