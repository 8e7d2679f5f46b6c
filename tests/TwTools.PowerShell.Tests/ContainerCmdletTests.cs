using System.Globalization;
using System.Text.Json;

namespace TwTools.PowerShell.Tests;

/// <summary>
/// The cmdlets against real podman containers on this machine, in real pwsh processes: the first source story as a
/// node's operator meets it, and one verdict per namespace for a host that complies while its containers do not.
/// </summary>
public sealed class ContainerCmdletTests
{
    private static JsonElement Pwsh(IReadOnlyDictionary<string, string> environment, string script)
    {
        var output = Path.Combine(Path.GetTempPath(), "twt-pwsh-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        var full = $"$ErrorActionPreference = 'Stop'; Import-Module '{ModuleUnderTest.Manifest}'; $r = [ordered]@{{}}\n{script}\n$r | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath '{output}'";
        var run = Shell.Run(PowerShellTool.Require(), ["-NoProfile", "-NonInteractive", "-Command", full], TimeSpan.FromSeconds(180), environment);
        try
        {
            return run.ExitCode == 0 && File.Exists(output) ? JsonDocument.Parse(File.ReadAllText(output)).RootElement.Clone() : throw new Xunit.Sdk.XunitException("pwsh failed: " + run);
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void The_first_source_story_Test_PortExhaustion_names_the_pod_and_Set_TwPolicy_Container_fixes_it_and_says_how_to_keep_it()
    {
        using var podman = new PodmanTestRuntime();
        var pod = podman.Pod(PodmanTestRuntime.NewName("story"), "--sysctl", "net.ipv4.ip_local_port_range=40000 40009", "--sysctl", "net.ipv4.tcp_tw_reuse=0");
        var server = podman.Run(PodmanTestRuntime.NewName("server"), ["--pod", pod], "nc", "-ll", "-p", "8080", "-e", "cat");
        var netns = $"/proc/{podman.Pid(server).ToString(CultureInfo.InvariantCulture)}/ns/net";
        Assert.Equal("error AddressNotAvailable after 10", Requests(netns, 11));

        var result = Pwsh(podman.Environment, $$"""
            $reports = Test-PortExhaustion -Summary -AllNetworkNamespaces -WarningAction SilentlyContinue
            $r.HostFirst = $reports[0].NetworkNamespace.Kind
            $r.Pod = @($reports | Where-Object { $_.NetworkNamespace.Label -eq 'pod:{{pod}}' } | ForEach-Object { "$($_.Verdict)" })
            $r.Table = ($reports | Out-String -Width 120)
            $r.Changed = @(Set-TwPolicy tw-reuse -Container '{{pod}}' -PassThru -InformationVariable told -WarningVariable warned -WarningAction SilentlyContinue | Where-Object Changed | ForEach-Object Key)
            $r.Told = @($told | ForEach-Object { "$_" })
            $r.Warned = @($warned | ForEach-Object { "$_" })
            $r.After = (Get-TwKernelPolicy -Container '{{pod}}' | Where-Object Key -eq 'net.ipv4.tcp_tw_reuse').Runtime
            """);

        Assert.Equal("Host", result.GetProperty("HostFirst").GetString());
        Assert.Contains(Assert.Single(result.GetProperty("Pod").EnumerateArray()).GetString(), new[] { "Exhausted", "Critical" });
        // The target column wraps a long name rather than cut it.
        Assert.Contains($"localhost[pod:{pod}]", string.Concat(result.GetProperty("Table").GetString()!.Where(c => !char.IsWhiteSpace(c))));
        Assert.Equal(["net.ipv4.tcp_tw_reuse"], result.GetProperty("Changed").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("1", result.GetProperty("After").GetString());
        Assert.Contains(result.GetProperty("Told").EnumerateArray(), t => t.GetString()!.Contains("podman pod create: --sysctl net.ipv4.tcp_timestamps=1 --sysctl net.ipv4.tcp_tw_reuse=1", StringComparison.Ordinal));
        Assert.Contains(result.GetProperty("Warned").EnumerateArray(), w => w.GetString()!.Contains("runtime only", StringComparison.Ordinal));
        Thread.Sleep(1200);
        Assert.Equal("ok 2", Requests(netns, 2, 1100));
    }

    [Fact]
    public void A_host_that_complies_while_its_containers_run_kernel_defaults_gets_one_verdict_per_namespace()
    {
        using var podman = new PodmanTestRuntime();
        var first = podman.Run(PodmanTestRuntime.NewName("a"), [], "sleep", "300");
        var second = podman.Run(PodmanTestRuntime.NewName("b"), ["--sysctl", "net.ipv4.tcp_tw_reuse=1"], "sleep", "300");

        var result = Pwsh(podman.Environment, $$"""
            $r.Verdicts = @(Test-TwPolicy tw-reuse -Container '{{first}}', '{{second}}')
            $r.Detailed = @(Test-TwPolicy tw-reuse -Container '{{first}}' -Detailed | Where-Object Key -eq 'net.ipv4.tcp_tw_reuse' | ForEach-Object { "$($_.NetworkNamespace.Label) $($_.Compliant) $($_.Reason)" })
            $r.Missing = @(Test-TwPolicy tw-reuse -Container 'twt-no-such-container' -ErrorAction SilentlyContinue -ErrorVariable failed)
            $r.MissingError = "$($failed[0].FullyQualifiedErrorId)"
            """);

        Assert.Equal([false, true], result.GetProperty("Verdicts").EnumerateArray().Select(v => v.GetBoolean()));
        Assert.StartsWith($"podman:{first} False runtime value is 2", Assert.Single(result.GetProperty("Detailed").EnumerateArray()).GetString());
        Assert.Equal([false], result.GetProperty("Missing").EnumerateArray().Select(v => v.GetBoolean()));
        Assert.StartsWith("TwTools.Input.NoSuchContainer,", result.GetProperty("MissingError").GetString());
    }

    private static string Requests(string netns, int count, int intervalMs = 0) =>
        Shell.Run("nsenter", ["--net=" + netns, "dotnet", Path.Combine(AppContext.BaseDirectory, "TwTools.TestPeer.dll"), "requests", "127.0.0.1", "8080",
            count.ToString(CultureInfo.InvariantCulture), "--interval-ms", intervalMs.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(60)).StdOut.Trim();
}
