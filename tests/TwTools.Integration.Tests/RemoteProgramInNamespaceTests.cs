using TwTools.Engine.Diagnostics;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;
using TwTools.Engine.Policy;
using TwTools.Engine.Remote;
using TwTools.Engine.Tests;

namespace TwTools.Integration.Tests;

/// <summary>
/// The remote read and apply programs, run by sh on a real kernel in a namespace: they must do
/// exactly what a local apply does, and fail the way it fails, leaving the host as it was.
/// </summary>
public class RemoteProgramInNamespaceTests
{
    private static readonly TwPolicy BusyClient = PolicyLoader.Load(Cli.Policy("busy-client")).Policy!;

    private static ApplyReport Apply(IHostTransport transport, TwPolicy? policy = null, bool whatIf = false, ApplyOptions? options = null) =>
        PolicyApplyOperation.Run(new RemoteKernelHost(transport, elevate: false), policy ?? BusyClient, options ?? new ApplyOptions(), (_, _) => !whatIf, new RecordingOutput());

    private static TwOperationException ApplyFails(IHostTransport transport, ApplyOptions? options = null) =>
        Assert.Throws<TwOperationException>(() => Apply(transport, options: options));

    [Fact]
    public void Remote_apply_leaves_the_host_exactly_as_a_local_apply_does()
    {
        using var remote = new TestNamespace();
        using var local = new TestNamespace();
        remote.Set("net.ipv4.tcp_timestamps", "0");
        local.Set("net.ipv4.tcp_timestamps", "0");

        var report = Apply(new NamespaceShellTransport(remote));
        var cli = local.Exec(Cli.Command("apply", "--policy", Cli.Policy("busy-client")));

        Assert.True(cli.ExitCode == 0, cli.ToString());
        Assert.True(report.Changed && report.PersistWritten);
        Assert.Contains(report.Results, r => r.Key == "net.ipv4.tcp_timestamps" && r.Enforced && r.After == "1");
        Assert.Equal(local.Values(), remote.Values());
        Assert.Equal(local.EtcFiles(), remote.EtcFiles());
    }

    [Fact]
    public void A_second_run_changes_nothing_and_what_if_writes_nothing()
    {
        using var ns = new TestNamespace();
        var preview = Apply(new NamespaceShellTransport(ns), whatIf: true);
        Assert.True(preview.WouldChange && !preview.Changed);
        Assert.Empty(Directory.GetFiles(ns.SysctlD));

        Apply(new NamespaceShellTransport(ns));
        var file = Directory.GetFiles(ns.SysctlD).Single();
        var written = File.GetLastWriteTimeUtc(file);

        var again = Apply(new NamespaceShellTransport(ns));

        Assert.False(again.Changed || again.WouldChange);
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
    }

    [Fact]
    public void Each_apply_session_writes_against_its_own_read_whatever_the_host_read_since()
    {
        using var ns = new TestNamespace();
        var host = new RemoteKernelHost(new NamespaceShellTransport(ns), elevate: false);
        using var first = host.BeginApply(TimeSpan.FromSeconds(5), default);
        var plan = PolicyPlanner.Plan(BusyClient, first.Snapshot, new ApplyOptions());
        var path = Path.Combine(ns.SysctlD, Path.GetFileName(plan.Persist!.File));
        File.WriteAllText(path, "# written by someone else meanwhile\n");
        // A later read on the same host object must not become the ground the first plan is written on.
        using var second = host.BeginApply(TimeSpan.FromSeconds(5), default);
        Assert.NotNull(second.Snapshot.Persisted.AllFiles.SingleOrDefault(f => f.Path == plan.Persist.File));
        var writes = plan.Settings.Where(s => s.RuntimeChange).Select(s => new RuntimeWrite(s.Key, first.Snapshot.RuntimeValue(s.Key)!, s.After)).ToList();
        var values = ns.Values();

        var error = Assert.Throws<TwOperationException>(() => first.Execute(new ExecutablePlan(writes, plan.Persist), default));

        Assert.Equal(TwErrorIds.Remote.ChangedDuringApply, error.Primary.Id);
        Assert.Equal("# written by someone else meanwhile\n", File.ReadAllText(path));
        Assert.Equal(values, ns.Values());
    }

    [Fact]
    public void A_value_changed_between_read_and_apply_stops_the_apply_before_any_write()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_tw_reuse", "0");
        var transport = new NamespaceShellTransport(ns) { BeforeApply = () => ns.Set("net.ipv4.tcp_tw_reuse", "2") };
        var files = ns.EtcFiles();

        var error = ApplyFails(transport);

        Assert.Equal(TwErrorIds.Remote.ChangedDuringApply, error.Diagnostics[0].Id);
        Assert.Contains("net.ipv4.tcp_tw_reuse", error.Diagnostics[0].Message);
        Assert.Equal("2", ns.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Equal(files, ns.EtcFiles());
    }

    [Fact]
    public async Task The_apply_program_waits_for_the_same_lock_local_applies_take_and_times_out_cleanly()
    {
        using var ns = new TestNamespace();
        var values = ns.Values();
        var holder = await ns.HoldApplyLockAsync(4);
        var error = ApplyFails(new NamespaceShellTransport(ns), new ApplyOptions { LockTimeout = TimeSpan.FromSeconds(1) });
        await holder;

        Assert.Equal([TwErrorIds.Apply.LockTimeout], error.Diagnostics.Select(d => d.Id));
        Assert.Equal(values, ns.Values());
        Assert.Empty(Directory.GetFiles(ns.SysctlD));
    }

    [Fact]
    public void Read_only_proc_sys_gives_its_own_error_once_and_changes_nothing()
    {
        using var ns = new TestNamespace();
        var values = ns.Values();
        var transport = new NamespaceShellTransport(ns, "mount --bind /proc/sys /proc/sys && mount -o remount,ro,bind /proc/sys");

        var error = ApplyFails(transport);

        Assert.Equal([TwErrorIds.Apply.ProcSysReadOnly], error.Diagnostics.Select(d => d.Id));
        Assert.Equal(values, ns.Values());
        Assert.Empty(Directory.GetFiles(ns.SysctlD));
    }

    [Theory]
    [InlineData("grep")]
    [InlineData("base64")]
    public void A_host_without_a_tool_the_read_needs_is_an_error_naming_it_not_absent_values(string tool)
    {
        using var ns = new TestNamespace();
        // A device is not a program: the shell's command lookup passes it by, as if the tool were not installed.
        var transport = new NamespaceShellTransport(ns, $"for f in /usr/bin/{tool} /bin/{tool}; do [ -e $f ] && mount --bind /dev/null $f; done; true");

        var error = Assert.Throws<TwOperationException>(() => new RemoteKernelHost(transport, elevate: false).ReadKernel(default));

        Assert.Equal(TwErrorIds.Remote.ToolMissing, error.Primary.Id);
        Assert.Contains($"the host has no {tool} on its PATH", error.Primary.Message);
    }

    [Fact]
    public void A_read_only_sysctl_d_is_read_only_as_locally_not_permission_denied()
    {
        using var ns = new TestNamespace();
        const string readOnly = "mount --bind /etc/sysctl.d /etc/sysctl.d && mount -o remount,ro,bind /etc/sysctl.d";

        var remote = ApplyFails(new NamespaceShellTransport(ns, readOnly));
        var local = ns.Exec(["unshare", "--mount", "--propagation", "private", "sh", "-c", readOnly + " && exec \"$@\"", "sh", .. Cli.Command("apply", "--policy", Cli.Policy("busy-client"))]);

        Assert.Equal(TwErrorIds.Apply.PersistFailed, remote.Primary.Id);
        Assert.Contains("the file system is read-only", remote.Primary.Message);
        Assert.Contains("the file system is read-only", local.StdErr);
        Assert.Equal("2", ns.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public void A_host_without_flock_refuses_the_apply_instead_of_applying_unlocked()
    {
        using var ns = new TestNamespace();
        var values = ns.Values();
        var transport = new NamespaceShellTransport(ns, "for f in /usr/bin/flock /bin/flock; do [ -e $f ] && mount --bind /dev/null $f; done; true");

        var error = ApplyFails(transport);

        Assert.Equal(TwErrorIds.Remote.ToolMissing, error.Primary.Id);
        Assert.Contains("no flock", error.Primary.Message);
        Assert.Equal(values, ns.Values());
        Assert.Empty(Directory.GetFiles(ns.SysctlD));
    }

    [Fact]
    public void A_persist_failure_after_the_runtime_writes_puts_them_back()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_tw_reuse", "0");
        // A full file system under sysctl.d (a tiny tmpfs, filled): the runtime writes succeed, the persist cannot.
        Shell.Check("mount", "-t", "tmpfs", "-o", "size=16k", "twt-full", ns.SysctlD);
        try
        {
            Shell.Run("dd", "if=/dev/zero", "of=" + Path.Combine(ns.SysctlD, "filler.bin"), "bs=4k", "count=64");
            var values = ns.Values();
            var files = ns.EtcFiles();

            var error = ApplyFails(new NamespaceShellTransport(ns));

            Assert.Equal([TwErrorIds.Apply.PersistFailed, TwErrorIds.Apply.RolledBack], error.Diagnostics.Select(d => d.Id));
            Assert.Equal(values, ns.Values());
            Assert.Equal(files, ns.EtcFiles());
            Assert.Equal(["filler.bin"], Directory.GetFiles(ns.SysctlD).Select(Path.GetFileName));
        }
        finally
        {
            Shell.Run("umount", ns.SysctlD);
        }
    }

    [Fact]
    public void Files_with_odd_names_and_bytes_read_back_exactly()
    {
        using var ns = new TestNamespace();
        var odd = Path.Combine(ns.SysctlD, "70 odd $(touch x) 'q'.conf");
        const string content = "net.ipv4.tcp_fin_timeout = 30\n# S tcp\nTWTOOLS-END\n\tünïcode; `id` $HOME\nno newline at end";
        File.WriteAllText(odd, content);
        File.CreateSymbolicLink(Path.Combine(ns.SysctlD, "80-link.conf"), "../sysctl.conf");

        var snapshot = new RemoteKernelHost(new NamespaceShellTransport(ns), elevate: false).ReadKernel(default);

        Assert.Equal(content, snapshot.Persisted.Find("/etc/sysctl.d/70 odd $(touch x) 'q'.conf")!.Content);
        Assert.Equal("/etc/sysctl.conf", snapshot.Persisted.Find("/etc/sysctl.d/80-link.conf")!.LinkTarget);
        Assert.Equal("30", snapshot.Persisted.Effective("net.ipv4.tcp_fin_timeout")?.Value);
    }

    [Fact]
    public void A_persist_file_that_is_not_utf8_is_replaced_instead_of_read_as_changed_since_the_read()
    {
        using var ns = new TestNamespace();
        var file = Path.Combine(ns.SysctlD, "60-twtools-busy-client.conf");
        // Latin-1 "Größe": bytes no UTF-8 decoder gives back unchanged.
        File.WriteAllBytes(file, [.. "# Written by TwTools from policy 'busy-client'.\n# Gr"u8, 0xF6, 0xDF, 0x65, .. "\nnet.ipv4.tcp_tw_reuse = 1\n"u8]);

        var first = Apply(new NamespaceShellTransport(ns));
        var second = Apply(new NamespaceShellTransport(ns));

        Assert.True(first.PersistWritten);
        Assert.Contains("net.ipv4.ip_local_port_range", File.ReadAllText(file));
        Assert.False(second.Changed);
    }

    [Fact]
    public void A_remote_sysctl_d_file_larger_than_any_real_one_is_a_read_error_naming_it()
    {
        using var ns = new TestNamespace();
        File.WriteAllText(Path.Combine(ns.SysctlD, "50-huge.conf"), "# " + new string('x', 2 << 20) + "\n");

        var error = Assert.Throws<TwOperationException>(() => new RemoteKernelHost(new NamespaceShellTransport(ns), elevate: false).ReadKernel(default));

        Assert.Equal(TwErrorIds.Host.ReadFailed, error.Primary.Id);
        Assert.Contains("Cannot read /etc/sysctl.d/50-huge.conf: it holds more than the 1 MiB", error.Primary.Message);
    }

    [Fact]
    public void Files_of_every_kind_read_in_one_batch_come_back_each_with_its_own_bytes()
    {
        using var ns = new TestNamespace();
        byte[] binary = [.. "net.ipv4.tcp_tw_reuse = 1\n# "u8, 0x00, 0xFF, 0xFE, (byte)'\n'];
        var exactlyOneMiB = "#" + new string('m', (1 << 20) - 2) + "\n";
        File.WriteAllText(Path.Combine(ns.SysctlD, "10-a.conf"), "net.ipv4.tcp_fin_timeout = 30\n");
        File.WriteAllText(Path.Combine(ns.SysctlD, "20-empty.conf"), string.Empty);
        File.WriteAllBytes(Path.Combine(ns.SysctlD, "30-binary.conf"), binary);
        File.WriteAllText(Path.Combine(ns.SysctlD, "40-big.conf"), exactlyOneMiB);
        File.CreateSymbolicLink(Path.Combine(ns.SysctlD, "50-pid-max.conf"), "/dev/null");
        File.CreateSymbolicLink(Path.Combine(ns.SysctlD, "60-dangling.conf"), "nowhere.conf");
        File.CreateSymbolicLink(Path.Combine(ns.SysctlD, "70-again.conf"), "10-a.conf");
        File.WriteAllText(Path.Combine(ns.SysctlD, "80-z.conf"), "net.ipv4.tcp_fin_timeout = 31");

        var answer = new RemoteKernelHost(new NamespaceShellTransport(ns), elevate: false).Read(sockets: false, default);

        var files = answer.Kernel.Persisted.AllFiles.Where(f => f.Path.StartsWith("/etc/sysctl.d/", StringComparison.Ordinal)).ToDictionary(f => f.FileName);
        Assert.Equal(["10-a.conf", "20-empty.conf", "30-binary.conf", "40-big.conf", "50-pid-max.conf", "70-again.conf", "80-z.conf"], files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("net.ipv4.tcp_fin_timeout = 30\n", files["10-a.conf"].Content);
        Assert.Equal(string.Empty, files["20-empty.conf"].Content);
        Assert.Equal(Convert.ToBase64String(binary), answer.RawContents["/etc/sysctl.d/30-binary.conf"]);
        Assert.Equal(exactlyOneMiB, files["40-big.conf"].Content);
        Assert.Equal(("", "/dev/null"), (files["50-pid-max.conf"].Content, files["50-pid-max.conf"].LinkTarget));
        Assert.Equal(("net.ipv4.tcp_fin_timeout = 30\n", "/etc/sysctl.d/10-a.conf"), (files["70-again.conf"].Content, files["70-again.conf"].LinkTarget));
        Assert.Equal("net.ipv4.tcp_fin_timeout = 31", files["80-z.conf"].Content);
        Assert.DoesNotContain(answer.Kernel.Persisted.AppliedFiles, f => f.Path == "/usr/lib/sysctl.d/50-pid-max.conf");
        Assert.Equal("31", answer.Kernel.Persisted.Effective("net.ipv4.tcp_fin_timeout")?.Value);
    }
}
