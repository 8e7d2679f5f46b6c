namespace TwTools.Integration.Tests;

/// <summary>
/// Root's runs cannot be steered by another local user: an ssh control directory they could plant a socket in,
/// a sysctl.d created writable under umask 000, or a test root (TWTOOLS_PROC_ROOT / TWTOOLS_CONF_ROOT) they own.
/// </summary>
public sealed class WriteSecurityTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("twt-security-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ProcessResult Run(IEnumerable<string> environment, params string[] arguments) =>
        Shell.Run("env", [.. environment, .. Cli.Command(arguments)], TimeSpan.FromSeconds(60));

    // Port 1 on loopback: nothing listens, so a run that gets past the directory check fails fast as unreachable.
    private static ProcessResult KernelOverSsh(params string[] environment) =>
        Run(environment, "kernel", "--host", "root@127.0.0.1:1", "--timeout", "10");

    private string Made(string name, string mode, string owner = "root")
    {
        var path = Path.Combine(_directory, name);
        Directory.CreateDirectory(path);
        Shell.Check("chown", owner, path);
        Shell.Check("chmod", mode, path);
        return path;
    }

    public static TheoryData<string> UnsafeControlDirectories() => ["1777", "0777", "0750", "nobody", "file"];

    [Theory]
    [MemberData(nameof(UnsafeControlDirectories))]
    public void An_ssh_control_directory_others_could_plant_a_socket_in_is_refused_before_ssh_runs(string kind)
    {
        var directory = kind switch
        {
            "nobody" => Made("cp", "0700", "nobody"),
            "file" => Path.Combine(_directory, "cp"),
            _ => Made("cp", kind),
        };
        if (kind == "file")
        {
            File.WriteAllText(directory, "not a directory");
        }

        var result = KernelOverSsh("TWTOOLS_SSH_CONTROL_DIR=" + directory);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("TwTools.Input.UnsafeControlDirectory", result.StdErr);
        Assert.Contains(directory, result.StdErr);
        Assert.DoesNotContain("TwTools.Remote.Unreachable", result.StdErr);
        Assert.DoesNotContain("   at ", result.StdErr);
    }

    [Fact]
    public void Tmp_itself_and_the_default_directory_made_open_are_refused()
    {
        var home = Made("home", "0755");
        var open = Directory.CreateDirectory(Path.Combine(home, ".twtools", "cp")).FullName;
        Shell.Check("chmod", "0777", open);

        var atTmp = KernelOverSsh("TWTOOLS_SSH_CONTROL_DIR=/tmp");
        var atDefault = KernelOverSsh("HOME=" + home, "XDG_RUNTIME_DIR=", "TWTOOLS_SSH_CONTROL_DIR=");

        Assert.True(atTmp.ExitCode == 2, atTmp.ToString());
        Assert.Contains("TwTools.Input.UnsafeControlDirectory", atTmp.StdErr);
        Assert.True(atDefault.ExitCode == 2, atDefault.ToString());
        Assert.Contains(open, atDefault.StdErr);
    }

    [Fact]
    public void A_missing_control_directory_is_made_private_at_every_level_whatever_the_umask()
    {
        var directory = Path.Combine(_directory, "a", "b", "cp");

        var result = Shell.Run("sh", ["-c", "umask 000; exec \"$@\"", "sh", "env", "TWTOOLS_SSH_CONTROL_DIR=" + directory,
            .. Cli.Command("kernel", "--host", "root@127.0.0.1:1", "--timeout", "10")], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("TwTools.Remote.Unreachable", result.StdErr);
        foreach (var made in new[] { "a", "a/b", "a/b/cp" })
        {
            Assert.Equal("700", Shell.Check("stat", "-c", "%a", Path.Combine(_directory, made)).Trim());
        }
    }

    [Fact]
    public void A_sysctl_d_made_under_umask_000_is_0755_not_writable_by_everyone()
    {
        using var ns = new TestNamespace();
        var policy = Cli.WritePolicy(
            "apiVersion: twtools.io/v1\nkind: TwPolicy\nmetadata:\n  name: run-persisted\nspec:\n  settings:\n    net.ipv4.tcp_tw_reuse: 1\n" +
            "  persist:\n    enabled: true\n    file: /run/sysctl.d/60-twtools-run-persisted.conf\n");
        // A private /run in a mount namespace of its own, so /run/sysctl.d is missing and nothing of the machine's is touched.
        var script = "mount -t tmpfs tmpfs /run && umask 000 && \"$@\" >/dev/null && stat -c '%a %U' /run/sysctl.d /run/sysctl.d/60-twtools-run-persisted.conf";

        var result = ns.Exec(["unshare", "-m", "sh", "-c", script, "sh", .. Cli.Command("apply", "--policy", policy)]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["755 root", "644 root"], result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("1", ns.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Theory]
    [InlineData("TWTOOLS_CONF_ROOT")]
    [InlineData("TWTOOLS_PROC_ROOT")]
    public void As_root_a_test_root_another_user_owns_is_refused_and_nothing_is_written(string variable)
    {
        var theirs = Made("theirs", "0755", "nobody");
        Directory.CreateDirectory(Path.Combine(theirs, "etc", "sysctl.d"));
        var before = Directory.GetFileSystemEntries(theirs, "*", SearchOption.AllDirectories);

        using var ns = new TestNamespace();
        var kernel = Run([variable + "=" + theirs], "kernel");
        // In a namespace of its own: should the check ever let it through, it changes that namespace, not this machine.
        var apply = ns.Exec(["env", variable + "=" + theirs, .. Cli.Command("apply", "--policy", Cli.Policy("busy-client"))]);

        foreach (var result in new[] { kernel, apply })
        {
            Assert.True(result.ExitCode == 2, result.ToString());
            Assert.Contains("TwTools.Input.UnsafeSystemRoot", result.StdErr);
            Assert.Contains(variable + "=" + theirs, result.StdErr);
        }

        Assert.Equal(before, Directory.GetFileSystemEntries(theirs, "*", SearchOption.AllDirectories));
        Assert.Equal("2", ns.Get("net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public void As_root_a_test_root_inside_a_directory_another_user_can_write_is_refused()
    {
        var open = Made("open", "0777");
        var root = Directory.CreateDirectory(Path.Combine(open, "conf")).FullName;

        var result = Run(["TWTOOLS_CONF_ROOT=" + root], "kernel");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("writable by other users without the sticky bit", result.StdErr);
    }
}
