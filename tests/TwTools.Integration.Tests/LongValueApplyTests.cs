using TwTools.Engine.Operations;
using TwTools.Engine.Planning;
using TwTools.Engine.Policy;
using TwTools.Engine.Remote;
using TwTools.Engine.Tests;

namespace TwTools.Integration.Tests;

/// <summary>
/// A port list longer than a page, which the kernel parses a page per write(2) and serves in one read(2) only:
/// applied whole on every carrier and shell, read back whole, and reported applied only because it was read back.
/// </summary>
public sealed class LongValueApplyTests : IDisposable
{
    // 10,000 single ports, about 60 KB of text: no run of them merges into a range.
    private static readonly string Ports = string.Join(',', Enumerable.Range(0, 10_000).Select(i => 40000 + 2 * i));

    private readonly string _policy = Cli.WritePolicy(
        "apiVersion: twtools.io/v1\nkind: TwPolicy\nmetadata:\n  name: many-reserved\nspec:\n  settings:\n" +
        $"    net.ipv4.ip_local_port_range: \"32768 60999\"\n    net.ipv4.ip_local_reserved_ports: \"{Ports}\"\n");

    public void Dispose() => File.Delete(_policy);

    [Fact]
    public void This_machine_applies_the_whole_list_and_then_finds_it_compliant()
    {
        using var ns = new TestNamespace();

        var apply = ns.Exec(Cli.Command("apply", "--policy", _policy));
        var test = ns.Exec(Cli.Command("test", "--policy", _policy));

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(Ports, ns.Get("net.ipv4.ip_local_reserved_ports"));
        Assert.True(test.ExitCode == 0, test.ToString());
    }

    [Theory]
    [InlineData("dash")]
    [InlineData("busybox")]
    public void A_remote_shell_applies_the_whole_list(string shell)
    {
        using var ns = new TestNamespace();
        var transport = new NamespaceShellTransport(ns, shell == "busybox" ? BusyboxHost() : null);

        var report = PolicyApplyOperation.Run(new RemoteKernelHost(transport, elevate: false), PolicyLoader.Load(_policy).Policy!,
            new ApplyOptions(), (_, _) => true, new RecordingOutput());

        Assert.True(report.Changed);
        Assert.Equal(Ports, ns.Get("net.ipv4.ip_local_reserved_ports"));
        Assert.Contains(report.Results, r => r.Key == "net.ipv4.ip_local_reserved_ports" && r.After == Ports);
    }

    /// <summary>Busybox's applets first on the program's PATH (a bind mount in the transport's private mount namespace), and its ash as sh.</summary>
    private static string BusyboxHost()
    {
        var bin = Directory.CreateTempSubdirectory("twt-busybox-").FullName;
        var applets = Shell.Check("busybox", "--list").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var applet in new[] { "sh", "printf", "grep", "cat", "base64", "head", "stat", "tee", "flock", "mv", "sync", "rm", "mkdir", "dirname", "awk", "readlink", "dd" }.Intersect(applets))
        {
            File.CreateSymbolicLink(Path.Combine(bin, applet), "/bin/busybox");
        }

        return $"mount --bind '{bin}' /usr/local/bin && export PATH=/usr/local/bin:$PATH";
    }
}
