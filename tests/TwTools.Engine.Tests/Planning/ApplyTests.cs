using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Interop;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Tests.Planning;

public class ApplyTests
{
    private const string ReuseAndRange = "    net.ipv4.tcp_tw_reuse: 1\n    net.ipv4.ip_local_port_range: \"10240 65535\"\n    net.ipv4.tcp_fin_timeout: 30\n";

    private static ApplyReport Apply(HostTree tree, string settings, ShouldProcess? shouldProcess = null, TwTools.Engine.LocalMachine.IProcSysAccess? access = null) =>
        PolicyApplyOperation.Run(tree.Host(access), Policies.Load(settings), new ApplyOptions(), shouldProcess ?? ((_, _) => true), new RecordingOutput());

    [Fact]
    public void Apply_changes_exactly_the_policy_keys_and_persists_them()
    {
        using var tree = new HostTree();
        tree.Set("net.ipv4.tcp_tw_reuse", "0");
        var before = tree.Fingerprint();
        var report = Apply(tree, ReuseAndRange);

        Assert.Equal("1", tree.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Equal("10240 65535", tree.Get("net.ipv4.ip_local_port_range"));
        Assert.Equal("30", tree.Get("net.ipv4.tcp_fin_timeout"));
        var after = tree.Fingerprint();
        var changedFiles = after.Keys.Where(k => !before.ContainsKey(k) || before[k] != after[k]).OrderBy(k => k).ToArray();
        Assert.Equal(
            new[] { "conf/etc/sysctl.d/60-twtools-test.conf", "proc/sys/net/ipv4/ip_local_port_range", "proc/sys/net/ipv4/tcp_fin_timeout", "proc/sys/net/ipv4/tcp_tw_reuse" },
            changedFiles);
        Assert.All(report.Results, r => Assert.True(r.Changed));
        Assert.Contains("net.ipv4.tcp_tw_reuse = 1\n", tree.ReadConf("/etc/sysctl.d/60-twtools-test.conf"));
    }

    [Fact]
    public void Second_apply_changes_nothing_and_says_so()
    {
        using var tree = new HostTree();
        Apply(tree, ReuseAndRange);
        var before = tree.Fingerprint();
        var output = new RecordingOutput();
        var report = PolicyApplyOperation.Run(tree.Host(), Policies.Load(ReuseAndRange), new ApplyOptions(), (_, _) => true, output);
        Assert.False(report.Changed);
        Assert.All(report.Results, r => Assert.False(r.Changed));
        Assert.Equal(before, tree.Fingerprint());
        Assert.Contains(output.Information, m => m.Contains("no change"));
    }

    [Fact]
    public void Declining_a_runtime_change_but_confirming_the_file_says_so_and_warns_that_runtime_and_boot_differ()
    {
        using var tree = new HostTree();
        var output = new RecordingOutput();
        var report = PolicyApplyOperation.Run(tree.Host(), Policies.Load("    net.ipv4.tcp_tw_reuse: 1\n"), new ApplyOptions { AskEachChange = true },
            (target, _) => !target.EndsWith("net.ipv4.tcp_tw_reuse", StringComparison.Ordinal), output);

        Assert.Equal("2", tree.Get("net.ipv4.tcp_tw_reuse"));
        Assert.Contains("net.ipv4.tcp_tw_reuse = 1\n", tree.ReadConf("/etc/sysctl.d/60-twtools-test.conf"));
        var reuse = Assert.Single(report.Results);
        Assert.Equal((false, true, "2", "1"), (reuse.Changed, reuse.WouldChange, reuse.After, reuse.PersistedAfter));
        var warning = Assert.Single(output.Warnings, w => w.Id == TwErrorIds.Apply.PartlyApplied);
        Assert.Contains("net.ipv4.tcp_tw_reuse now runs with 2 but boots with 1", warning.Message);
        Assert.Contains(output.Information, m => m.Contains("0 key(s) changed, /etc/sysctl.d/60-twtools-test.conf written; 1 change(s) declined"));
    }

    [Fact]
    public void What_if_writes_nothing_and_reports_what_would_change()
    {
        using var tree = new HostTree();
        var before = tree.Fingerprint();
        var asked = new List<string>();
        var report = Apply(tree, ReuseAndRange, (target, action) =>
        {
            asked.Add(target + " " + action);
            return false;
        });
        Assert.Equal(before, tree.Fingerprint());
        Assert.All(report.Results, r => Assert.True(r.WouldChange && !r.Changed));
        Assert.Contains(asked, a => a.Contains("net.ipv4.tcp_tw_reuse") && a.Contains("2 -> 1"));
        Assert.Contains(asked, a => a.Contains("/etc/sysctl.d/60-twtools-test.conf"));
    }

    [Fact]
    public void Without_asking_each_change_one_question_names_the_host_and_every_change_and_no_writes_nothing()
    {
        using var tree = new HostTree();
        var before = tree.Fingerprint();
        var asked = new List<(string Target, string Action)>();
        var report = Apply(tree, ReuseAndRange, (target, action) =>
        {
            asked.Add((target, action));
            return false;
        });

        var (target, action) = Assert.Single(asked);
        Assert.Equal(tree.Host().Name, target);
        Assert.Contains("set net.ipv4.tcp_tw_reuse 2 -> 1", action);
        Assert.Contains("set net.ipv4.ip_local_port_range 32768 60999 -> 10240 65535", action);
        Assert.Contains("create persisted settings /etc/sysctl.d/60-twtools-test.conf (3 keys)", action);
        Assert.Equal(before, tree.Fingerprint());
        Assert.All(report.Results, r => Assert.Equal("would: runtime+boot", r.Change));
    }

    [Fact]
    public void A_key_whose_runtime_already_matches_but_whose_boot_value_changes_says_boot()
    {
        using var tree = new HostTree();
        tree.Set("net.ipv4.tcp_tw_reuse", "1");
        var report = Apply(tree, "    net.ipv4.tcp_tw_reuse: 1\n");

        var reuse = Assert.Single(report.Results);
        Assert.Equal((true, "1", "1", "boot"), (reuse.Changed, reuse.Before, reuse.After, reuse.Change));
    }

    [Fact]
    public void A_failed_write_midway_restores_earlier_writes_and_leaves_the_file_alone()
    {
        using var tree = new HostTree();
        tree.WriteConf("/etc/sysctl.d/60-twtools-test.conf", "# Written by TwTools from policy 'test'.\n# an older version\n");
        var before = tree.Fingerprint();
        var access = new FailingProcSysAccess("tcp_fin_timeout", Libc.EINVAL);
        var error = Assert.Throws<TwOperationException>(() => Apply(tree, ReuseAndRange, access: access));

        Assert.Equal(TwErrorIds.Apply.KernelRejected, error.Primary.Id);
        Assert.Contains(error.Diagnostics, d => d.Id == TwErrorIds.Apply.RolledBack && d.Message.Contains("net.ipv4.tcp_tw_reuse = 2"));
        Assert.Equal(before, tree.Fingerprint());
        Assert.Equal(5, access.Writes); // reuse, range, fin_timeout (failed), then range and reuse restored
    }

    [Fact]
    public void A_write_the_kernel_holds_differently_is_not_applied_and_everything_is_put_back()
    {
        using var tree = new HostTree();
        var before = tree.Fingerprint();

        var error = Assert.Throws<TwOperationException>(() => Apply(tree, ReuseAndRange, access: new AlteringProcSysAccess("tcp_fin_timeout", "31")));

        Assert.Equal(TwErrorIds.Apply.ReadBackMismatch, error.Primary.Id);
        Assert.Contains("net.ipv4.tcp_fin_timeout reads '31' after TwTools wrote '30'", error.Primary.Message);
        Assert.Contains(error.Diagnostics, d => d.Id == TwErrorIds.Apply.RolledBack && d.Message.Contains("net.ipv4.tcp_fin_timeout = 60"));
        Assert.Equal(before, tree.Fingerprint());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_persist_file_TwTools_did_not_write_is_refused_unless_forced(bool link)
    {
        using var tree = new HostTree();
        if (link)
        {
            tree.WriteConf("/etc/sysctl.conf", "vm.swappiness = 10\n");
            File.CreateSymbolicLink(Path.Combine(tree.Root, "conf/etc/sysctl.d/60-twtools-test.conf"), "../sysctl.conf");
        }
        else
        {
            tree.WriteConf("/etc/sysctl.d/60-twtools-test.conf", "vm.swappiness = 10\n");
        }

        var before = tree.Fingerprint();
        var error = Assert.Throws<TwOperationException>(() => Apply(tree, ReuseAndRange));

        Assert.Equal(TwErrorIds.Apply.PersistFileNotOurs, error.Primary.Id);
        Assert.Contains(link ? "is a link to /etc/sysctl.conf" : "is a file TwTools did not write", error.Primary.Message);
        Assert.Equal(before, tree.Fingerprint());

        var forced = PolicyApplyOperation.Run(tree.Host(), Policies.Load(ReuseAndRange), new ApplyOptions { ReplaceForeignFile = true }, (_, _) => true, new RecordingOutput());
        Assert.True(forced.PersistWritten);
        Assert.StartsWith("# Written by TwTools", tree.ReadConf("/etc/sysctl.d/60-twtools-test.conf"));
        if (link)
        {
            // The link itself was replaced; the file it pointed to keeps what it had.
            Assert.Equal("vm.swappiness = 10\n", tree.ReadConf("/etc/sysctl.conf"));
        }
    }

    [Fact]
    public void A_failed_persist_restores_the_runtime_values()
    {
        using var tree = new HostTree();
        var sysctlD = tree.Paths.Physical("/etc/sysctl.d");
        Directory.Delete(sysctlD);
        File.WriteAllText(sysctlD, "a file where the directory should be");
        var before = tree.Fingerprint();
        var error = Assert.Throws<TwOperationException>(() => Apply(tree, ReuseAndRange));
        Assert.Equal(TwErrorIds.Apply.PersistFailed, error.Primary.Id);
        Assert.Equal(before, tree.Fingerprint());
    }

    [Fact]
    public void Missing_key_is_its_own_error_before_anything_is_written()
    {
        using var tree = new HostTree();
        var access = new FailingProcSysAccess("none", 0);
        using var session = tree.Host(access).BeginApply(TimeSpan.FromSeconds(1), default);
        var plan = PolicyPlanner.Plan(Policies.Load(ReuseAndRange), session.Snapshot, new ApplyOptions());
        File.Delete(tree.ProcPath("net.ipv4.tcp_fin_timeout"));
        var writes = plan.Settings.Where(s => s.RuntimeChange).Select(s => new RuntimeWrite(s.Key, s.Before!, s.After)).ToList();
        var error = Assert.Throws<TwOperationException>(() => session.Execute(new ExecutablePlan(writes, plan.Persist), default));
        Assert.Equal(TwErrorIds.Apply.KeyMissing, error.Primary.Id);
        Assert.Equal(0, access.Writes);
    }

    [Fact]
    public void Concurrent_applies_on_one_host_wait_for_each_other()
    {
        using var tree = new HostTree();
        using (tree.Host().BeginApply(TimeSpan.FromSeconds(1), default))
        {
            var error = Assert.Throws<TwOperationException>(() => PolicyApplyOperation.Run(
                tree.Host(), Policies.Load(ReuseAndRange), new ApplyOptions { LockTimeout = TimeSpan.FromMilliseconds(200) }, (_, _) => true, new RecordingOutput()));
            Assert.Equal(TwErrorIds.Apply.LockTimeout, error.Primary.Id);
            Assert.Equal(TwErrorCategory.ResourceBusy, error.Primary.Category);
        }

        Assert.True(Apply(tree, ReuseAndRange).Changed);
    }
}
