using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>
/// twtools run on the host against other network namespaces (--netns, --pid, --all-netns): every TIME_WAIT setting is
/// per namespace, so what a namespace runs with is read inside it, and every result says which namespace it is.
/// Other tests make and remove namespaces at the same time: assertions about --all-netns look only at this test's own.
/// </summary>
public class NamespaceTargetTests
{
    private static ProcessResult Twtools(params string[] arguments) => Shell.Run(Cli.Command(arguments)[0], Cli.Command(arguments).Skip(1), TimeSpan.FromSeconds(120));

    private static JsonElement Key(JsonElement states, string key) => states.EnumerateArray().Single(e => e.GetProperty("key").GetString() == key);

    [Fact]
    public void Kernel_with_netns_reads_that_namespace_from_the_host_and_names_it()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_fin_timeout", "37");
        ns.Set("net.ipv4.ip_local_port_range", "40000 40009");

        var result = Twtools("kernel", "--netns", ns.Name, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var states = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal("37", Key(states, "net.ipv4.tcp_fin_timeout").GetProperty("runtime").GetString());
        Assert.Equal("40000 40009", Key(states, "net.ipv4.ip_local_port_range").GetProperty("runtime").GetString());
        var named = Key(states, "net.ipv4.tcp_fin_timeout").GetProperty("networkNamespace");
        Assert.Equal(($"netns:{ns.Name}", "Named"), (named.GetProperty("label").GetString(), named.GetProperty("kind").GetString()));
        // Its own namespace has no sysctl.d: the host's files are never shown as its boot values.
        Assert.All(states.EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("persistedSource").ValueKind));

        var table = Twtools("kernel", "--netns", ns.Name);
        Assert.Contains($"localhost [netns:{ns.Name}]: kernel", table.StdOut);
        Assert.Contains("not persisted", table.StdOut);
    }

    [Fact]
    public void A_process_and_its_ip_netns_name_are_one_namespace_named_once()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.tcp_fin_timeout", "38");
        using var sleeper = PeerProcess.StartCommand(ns, "sleep", "60");

        var result = Twtools("kernel", "--pid", sleeper.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "--netns", ns.Name, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var states = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Single(states.EnumerateArray(), s => s.GetProperty("key").GetString() == "net.ipv4.tcp_fin_timeout");
        Assert.Equal("38", Key(states, "net.ipv4.tcp_fin_timeout").GetProperty("runtime").GetString());
        Assert.Equal($"netns:{ns.Name}", Key(states, "net.ipv4.tcp_fin_timeout").GetProperty("networkNamespace").GetProperty("label").GetString());
    }

    [Fact]
    public void All_netns_gives_the_host_first_and_each_namespace_once_with_its_own_values()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.ip_local_port_range", "40000 40009");
        using var sleeper = PeerProcess.StartCommand(ns, "sleep", "60");

        var result = Twtools("exhaustion", "--all-netns", "--json");

        // Another test's namespace may go away mid-run: that is a warning, never a failure of the run.
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        var reports = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal("Host", reports[0].GetProperty("networkNamespace").GetProperty("kind").GetString());
        var mine = Assert.Single(reports, r => r.GetProperty("networkNamespace").GetProperty("label").GetString() == $"netns:{ns.Name}");
        Assert.Equal(("40000 40009", 10), (mine.GetProperty("portRange").GetString(), mine.GetProperty("capacity").GetInt32()));
        Assert.Equal(reports.Count, reports.Select(r => r.GetProperty("networkNamespace").GetProperty("inode").GetUInt64()).Distinct().Count());
    }

    [Fact]
    public void Series_carry_the_namespace_labels_and_a_missing_namespace_is_bad_input()
    {
        using var ns = new TestNamespace();

        var series = Twtools("exhaustion", "--netns", ns.Name, "--format", "prometheus");

        Assert.True(series.ExitCode == 0, series.ToString());
        Assert.Contains($"twtools_run_success{{host=\"localhost\",netns=\"netns:{ns.Name}\",netns_inode=\"", series.StdOut);

        var missing = Twtools("kernel", "--netns", "twt-not-there-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("TwTools.Input.NoSuchNamespace", missing.StdErr);
        Assert.DoesNotContain("   at ", missing.StdErr);
        var noProcess = Twtools("kernel", "--pid", "999999999");
        Assert.Equal(2, noProcess.ExitCode);

        // An ordinary file is not a namespace, whatever setns would say of it; nor is it listed as one.
        var stale = Path.Combine("/run/netns", "twt-stale-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(stale, string.Empty);
        try
        {
            var notNamespace = Twtools("kernel", "--netns", stale);
            Assert.Equal(2, notNamespace.ExitCode);
            Assert.Contains("is not a network namespace file", notNamespace.StdErr);
            Assert.DoesNotContain(Path.GetFileName(stale), Twtools("kernel", "--all-netns", "--json").StdOut);
        }
        finally
        {
            File.Delete(stale);
        }
    }

    [Fact]
    public void The_seed_story_seen_from_the_node_the_exhausted_client_namespace_is_named_while_the_host_is_ok()
    {
        using var net = new TestNetwork();
        net.Client.Set("net.ipv4.ip_local_port_range", "50000 50000");
        net.Client.Set("net.ipv4.tcp_tw_reuse", "0");
        using var serving = PeerProcess.Start(net.Server, waitForReady: true, "serve", TestNetwork.ServerV4, "8080");
        Assert.Equal("ok 1", PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV4, "8080", "1").StdOut.Trim());

        var result = Twtools("exhaustion", "--netns", net.Client.Name, "--netns", net.Server.Name, "--json");

        Assert.Equal(1, result.ExitCode);
        var reports = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal(["Exhausted", "OK"], reports.Select(r => r.GetProperty("verdict").GetString()));
        var finding = reports[0].GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("destination").GetString() == "10.77.0.2:8080");
        Assert.Equal($"netns:{net.Client.Name}", finding.GetProperty("networkNamespace").GetProperty("label").GetString());

        var sockets = Twtools("sockets", "--netns", net.Client.Name, "--state", "time-wait", "--json");
        Assert.True(sockets.ExitCode == 0, sockets.ToString());
        var socket = Assert.Single(JsonDocument.Parse(sockets.StdOut).RootElement.EnumerateArray());
        Assert.Equal((50000, $"netns:{net.Client.Name}"), (socket.GetProperty("localPort").GetInt32(), socket.GetProperty("networkNamespace").GetProperty("label").GetString()));
    }

    [Fact]
    public void A_namespace_named_by_a_process_with_control_characters_in_its_name_never_reaches_the_terminal_raw()
    {
        // A namespace only a process holds is named after that process, whose name its creator chose: here an escape sequence.
        var directory = Directory.CreateTempSubdirectory("twt-hostile-").FullName;
        var hostile = Path.Combine(directory, "\u001b]0;pwned\u0007x");
        File.CreateSymbolicLink(hostile, "/bin/sleep");
        using var holder = new System.Diagnostics.Process { StartInfo = new("unshare", ["--net", "--", hostile, "60"]) };
        try
        {
            holder.Start();
            var label = $"pid:{holder.Id}(\\e]0;pwned\\ax)";
            var deadline = DateTime.UtcNow.AddSeconds(20);
            ProcessResult result;
            do
            {
                result = Twtools("exhaustion", "--all-netns");
            }
            while (!result.StdOut.Contains(label, StringComparison.Ordinal) && DateTime.UtcNow < deadline);

            Assert.Contains(label, result.StdOut);
            Assert.DoesNotContain('\u001b', result.StdOut + result.StdErr);
            Assert.DoesNotContain('\u0007', result.StdOut + result.StdErr);
            var series = Twtools("exhaustion", "--pid", holder.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "prometheus");
            Assert.DoesNotContain('\u001b', series.StdOut);
            Assert.Contains("netns=\"pid:", series.StdOut);
        }
        finally
        {
            holder.Kill();
            Directory.Delete(directory, recursive: true);
        }
    }
}
