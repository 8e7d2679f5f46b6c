using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>Sockets and port pressure read over ssh match what the host sees itself.</summary>
public class RemoteSocketsOverSshTests
{
    private static List<string> Keys(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray()
            .Select(s => $"{s.GetProperty("state").GetString()} {s.GetProperty("localAddress").GetString()}:{s.GetProperty("localPort").GetInt32()} {s.GetProperty("remoteAddress").GetString()}:{s.GetProperty("remotePort").GetInt32()}")
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public void Time_wait_sockets_listed_over_ssh_are_the_ones_the_host_lists_itself()
    {
        using var fleet = new SshTestFleet(2);
        var host = fleet.Hosts[0];
        Shell.Check("ip", "netns", "exec", host.Namespace.Name, "dotnet", PeerProcess.PeerDll, "timewait", "127.0.0.1", "80", "300", "20000", "127.0.0.2");
        Shell.Check("ip", "netns", "exec", host.Namespace.Name, "dotnet", PeerProcess.PeerDll, "timewait", "::1", "81", "40", "20000", "::1");

        var remote = fleet.Twtools(["sockets", "--state", "time-wait", "--json", .. fleet.HostArguments([host])]);
        var local = host.Namespace.Exec(Cli.Command("sockets", "--state", "time-wait", "--json"));

        Assert.True(remote.ExitCode == 0, remote.ToString());
        Assert.Equal(340, Keys(remote.StdOut).Count);
        Assert.Equal(Keys(local.StdOut), Keys(remote.StdOut));
        Assert.All(JsonDocument.Parse(remote.StdOut).RootElement.EnumerateArray(), s =>
        {
            Assert.Equal($"root@{host.Address}", s.GetProperty("host").GetString());
            Assert.InRange(s.GetProperty("timeLeftMs").GetDouble(), 1, 60_000);
        });
    }

    [Fact]
    public void Summary_over_ssh_counts_per_host_with_the_hosts_own_kernel_totals()
    {
        using var fleet = new SshTestFleet(2);
        Shell.Check("ip", "netns", "exec", fleet.Hosts[1].Namespace.Name, "dotnet", PeerProcess.PeerDll, "timewait", "127.0.0.1", "80", "120", "20000", "127.0.0.2");

        var result = fleet.Twtools(["sockets", "--summary", "--json", .. fleet.HostArguments()]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var byHost = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().ToDictionary(s => s.GetProperty("host").GetString()!);
        int TimeWait(JsonElement s) => s.GetProperty("states").EnumerateArray().Single(r => r.GetProperty("state").GetString() == "TimeWait").GetProperty("total").GetInt32();
        Assert.Equal(0, TimeWait(byHost[$"root@{fleet.Hosts[0].Address}"]));
        Assert.Equal(120, TimeWait(byHost[$"root@{fleet.Hosts[1].Address}"]));
        Assert.Equal(120, byHost[$"root@{fleet.Hosts[1].Address}"].GetProperty("kernel").GetProperty("timeWait").GetInt32());
    }

    [Fact]
    public void Exhaustion_over_ssh_judges_the_host_by_its_own_port_range()
    {
        using var fleet = new SshTestFleet(1);
        var host = fleet.Hosts[0];
        host.Namespace.Set("net.ipv4.ip_local_port_range", "20000 20399");
        host.Namespace.Set("net.ipv4.tcp_tw_reuse", "0");
        Shell.Check("ip", "netns", "exec", host.Namespace.Name, "dotnet", PeerProcess.PeerDll, "timewait", "127.0.0.1", "80", "380", "20000", "127.0.0.1");

        var remote = fleet.Twtools(["exhaustion", "--json", .. fleet.HostArguments()]);
        var local = host.Namespace.Exec(Cli.Command("exhaustion", "--json"));

        Assert.True(remote.ExitCode == 1, remote.ToString());
        Assert.Equal(1, local.ExitCode);
        var report = JsonDocument.Parse(remote.StdOut).RootElement.EnumerateArray().Single();
        var mine = JsonDocument.Parse(local.StdOut).RootElement;
        foreach (var field in new[] { "portRange", "capacity", "verdict", "tcpTwReuse" })
        {
            Assert.Equal(mine.GetProperty(field).ToString(), report.GetProperty(field).ToString());
        }

        var finding = report.GetProperty("findings").EnumerateArray().First();
        Assert.Equal("127.0.0.1:80", finding.GetProperty("destination").GetString());
        Assert.Equal(380, finding.GetProperty("timeWait").GetInt32());
    }
}
