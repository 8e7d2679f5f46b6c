namespace TwTools.Integration.Tests;

/// <summary>Refusals and failures on a real kernel: each leaves the namespace's values and files byte-identical.</summary>
public class FailureInNamespaceTests
{
    private static void AssertUntouched(TestNamespace ns, Dictionary<string, string> values, Dictionary<string, string> files)
    {
        Assert.Equal(values, ns.Values());
        Assert.Equal(files, ns.EtcFiles());
    }

    [Fact]
    public void Recycle_policy_is_refused_and_nothing_changes()
    {
        using var ns = new TestNamespace();
        var policy = Cli.WritePolicy("apiVersion: twtools.io/v1\nkind: TwPolicy\nmetadata:\n  name: bad\nspec:\n  settings:\n    net.ipv4.tcp_tw_reuse: 1\n    net.ipv4.tcp_tw_recycle: 1\n");
        var values = ns.Values();
        var files = ns.EtcFiles();

        var result = ns.Exec(Cli.Command("apply", "--policy", policy));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{policy}:8:", result.StdErr);
        Assert.Contains("TwTools.Policy.RecycleRefused", result.StdErr);
        Assert.Empty(result.StdOut);
        AssertUntouched(ns, values, files);
    }

    [Fact]
    public void Unknown_key_gives_file_line_field_and_exit_2()
    {
        using var ns = new TestNamespace();
        var policy = Cli.WritePolicy("apiVersion: twtools.io/v1\nkind: TwPolicy\nmetadata:\n  name: typo\nspec:\n  settings:\n    net.ipv4.tcp_tw_reuse: 1\n    net.ipv4.tcp_tw_resue: 1\n");
        var files = ns.EtcFiles();
        var result = ns.Exec(Cli.Command("apply", "--policy", policy));
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains($"{policy}:8:5: spec.settings.net.ipv4.tcp_tw_resue: unknown key", result.StdErr);
        Assert.Equal(files, ns.EtcFiles());
    }

    [Fact]
    public void Failure_after_runtime_writes_rolls_them_back()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_tw_reuse", "0");
        // A directory where the persisted file must go: runtime writes succeed, then the rename fails.
        Directory.CreateDirectory(Path.Combine(ns.SysctlD, "60-twtools-busy-client.conf"));
        var values = ns.Values();
        var files = ns.EtcFiles();

        var result = ns.Exec(Cli.Command("apply", "--policy", Cli.Policy("busy-client")));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Apply.PersistFailed", result.StdErr);
        Assert.Contains("TwTools.Apply.RolledBack", result.StdErr);
        AssertUntouched(ns, values, files);
        Assert.Empty(Directory.GetFiles(ns.SysctlD));
    }

    [Fact]
    public void Read_only_proc_sys_gives_its_own_error()
    {
        using var ns = new TestNamespace();
        var values = ns.Values();
        var files = ns.EtcFiles();
        var cli = string.Join(' ', Cli.Command("apply", "--policy", Cli.Policy("busy-client")).Select(a => "'" + a + "'"));

        // A private mount namespace inside the test's network namespace: the read-only /proc/sys is seen by nothing else.
        var result = ns.Exec("unshare", "--mount", "--propagation", "private", "sh", "-c",
            $"mount --bind /proc/sys /proc/sys && mount -o remount,ro,bind /proc/sys && exec {cli}");

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Apply.ProcSysReadOnly", result.StdErr);
        Assert.Contains("read-only", result.StdErr);
        AssertUntouched(ns, values, files);
    }

    [Fact]
    public async Task Apply_waits_for_a_held_lock_and_times_out_cleanly()
    {
        using var ns = new TestNamespace();
        var values = ns.Values();
        var holder = await ns.HoldApplyLockAsync(4);
        var result = ns.Exec(Cli.Command("apply", "--policy", Cli.Policy("busy-client"), "--lock-timeout", "1"));
        await holder;
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Apply.LockTimeout", result.StdErr);
        Assert.Equal(values, ns.Values());
    }

    [Fact]
    public void Non_root_user_gets_permission_denied_and_nothing_changes()
    {
        using var ns = new TestNamespace();
        var values = ns.Values();
        var files = ns.EtcFiles();
        var result = ns.Exec(new[] { "setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", "env", "HOME=/tmp" }
            .Concat(Cli.Command("apply", "--policy", Cli.Policy("busy-client"))).ToArray());
        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Apply.PermissionDenied", result.StdErr);
        AssertUntouched(ns, values, files);
    }

    [Fact]
    public void What_if_as_a_user_who_is_not_root_says_the_writes_need_root()
    {
        using var ns = new TestNamespace();
        var result = ns.Exec(new[] { "setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups", "env", "HOME=/tmp" }
            .Concat(Cli.Command("apply", "--policy", Cli.Policy("busy-client"), "--what-if")).ToArray());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("TwTools.Apply.NeedsRoot", result.StdErr);
        Assert.Contains("need root", result.StdErr);
        Assert.Contains("What if:", result.StdErr);
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        using var ns = new TestNamespace();
        Assert.Equal(2, ns.Exec(Cli.Command("apply")).ExitCode);
        Assert.Equal(2, ns.Exec(Cli.Command("apply", "--policy", "/nonexistent.yaml")).ExitCode);
        Assert.Equal(2, ns.Exec(Cli.Command("frobnicate")).ExitCode);
        Assert.Equal(2, ns.Exec(Cli.Command("apply", "--policy", Cli.Policy("busy-client"), "--lock-timeout", "-5")).ExitCode);
    }
}
