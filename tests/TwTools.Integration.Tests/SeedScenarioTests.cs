using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>
/// The stories TwTools grew from, on real kernels: a client and a server in their own network
/// namespaces, real connections, and twtools judging what the kernel holds.
/// </summary>
public class SeedScenarioTests
{
    private static JsonElement Exhaustion(TestNamespace ns, out int exitCode, params string[] extra)
    {
        var result = ns.Exec(Cli.Command(["exhaustion", "--json", .. extra]));
        exitCode = result.ExitCode;
        Assert.True(result.ExitCode is 0 or 1, result.ToString());
        return JsonDocument.Parse(result.StdOut).RootElement;
    }

    private static JsonElement Finding(JsonElement report, string destination) =>
        report.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("destination").GetString() == destination);

    [Theory]
    [InlineData(TestNetwork.ServerV4, "10.77.0.2:8080")]
    [InlineData(TestNetwork.ServerV6, "[fd77::2]:8080")]
    public void One_ephemeral_port_is_exhausted_by_time_wait_until_the_tw_reuse_policy_is_applied(string server, string destination)
    {
        using var net = new TestNetwork();
        net.Client.Set("net.ipv4.ip_local_port_range", "50000 50000");
        net.Client.Set("net.ipv4.tcp_tw_reuse", "0");
        using var serving = PeerProcess.Start(net.Server, waitForReady: true, "serve", server, "8080");

        Assert.Equal("ok 1", PeerProcess.Run(net.Client, "requests", server, "8080", "1").StdOut.Trim());
        var refused = PeerProcess.Run(net.Client, "requests", server, "8080", "1");
        Assert.Equal("error AddressNotAvailable after 0", refused.StdOut.Trim());

        var report = Exhaustion(net.Client, out var exit);
        Assert.Equal(1, exit);
        Assert.Equal("Exhausted", report.GetProperty("verdict").GetString());
        var finding = Finding(report, destination);
        Assert.Equal(("Exhausted", 1, 1, 1), (finding.GetProperty("verdict").GetString(), finding.GetProperty("timeWait").GetInt32(),
            finding.GetProperty("blocking").GetInt32(), finding.GetProperty("capacity").GetInt32()));
        Assert.Contains(finding.GetProperty("advice").EnumerateArray(), a => a.GetString()!.Contains("twtools apply --policy tw-reuse"));

        var apply = net.Client.Exec(Cli.Command("apply", "--policy", Cli.Policy("tw-reuse")));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Equal(("1", "1"), (net.Client.Get("net.ipv4.tcp_tw_reuse"), net.Client.Get("net.ipv4.tcp_timestamps")));

        // connect() takes over a TIME_WAIT port only once it is older than tcp_tw_reuse_delay (1 s).
        Thread.Sleep(1200);
        Assert.Equal("ok 1", PeerProcess.Run(net.Client, "requests", server, "8080", "1").StdOut.Trim());
        Thread.Sleep(1200);
        var after = Exhaustion(net.Client, out var afterExit);
        Assert.True(afterExit == 0, after.ToString());
        Assert.True(Finding(after, destination).GetProperty("reuseEffective").GetBoolean());
    }

    [Theory]
    [InlineData(TestNetwork.ServerV4, "10.77.0.2")]
    [InlineData(TestNetwork.ServerV6, "[fd77::2]")]
    public void Connection_per_request_leaves_time_wait_that_sampling_shows_and_a_pool_leaves_none(string server, string shown)
    {
        using var net = new TestNetwork();
        net.Client.Set("net.ipv4.tcp_tw_reuse", "0");
        using var churnServer = PeerProcess.Start(net.Server, waitForReady: true, "serve", server, "8080");
        using var pooledServer = PeerProcess.Start(net.Server, waitForReady: true, "serve", server, "8081");

        Assert.Equal("ok 200", PeerProcess.Run(net.Client, "requests", server, "8080", "200").StdOut.Trim());
        Assert.Equal("ok 200", PeerProcess.Run(net.Client, "requests", server, "8081", "200", "--pooled").StdOut.Trim());
        var listed = JsonDocument.Parse(net.Client.Exec(Cli.Command("sockets", "--state", "time-wait", "--json")).StdOut).RootElement.EnumerateArray().ToList();
        Assert.Equal(200, listed.Count(s => s.GetProperty("remotePort").GetInt32() == 8080));
        // The pooled client leaves one TIME_WAIT: its single connection, closed when the client exits.
        Assert.Equal(1, listed.Count(s => s.GetProperty("remotePort").GetInt32() == 8081));
        Assert.All(listed, s => Assert.InRange(s.GetProperty("timeLeftMs").GetInt64(), 1, 60_000));

        // Both clients keep going while twtools samples: about 50 new connections a second against one.
        using var churn = PeerProcess.Start(net.Client, waitForReady: false, "requests", server, "8080", "100000", "--interval-ms", "20");
        using var pooled = PeerProcess.Start(net.Client, waitForReady: false, "requests", server, "8081", "100000", "--pooled", "--interval-ms", "20");
        Thread.Sleep(500);
        var report = Exhaustion(net.Client, out _, "--sample-seconds", "2");

        var churning = Finding(report, shown + ":8080");
        Assert.InRange(churning.GetProperty("newConnectionsPerSecond").GetDouble(), 10, 100);
        Assert.InRange(churning.GetProperty("projectedBlocking").GetInt64(), 600, 6000);
        Assert.True(churning.GetProperty("timeWait").GetInt32() > 200);
        var calm = Finding(report, shown + ":8081");
        Assert.Equal(0, calm.GetProperty("newConnectionsPerSecond").GetDouble());
        Assert.Equal(1, calm.GetProperty("timeWait").GetInt32());
        Assert.Equal(2, calm.GetProperty("inUse").GetInt32());
    }

    [Fact]
    public void A_server_that_closes_first_holds_time_wait_on_its_port_which_is_not_exhaustion()
    {
        using var net = new TestNetwork();
        using var server = PeerProcess.Start(net.Server, waitForReady: true, "serve", TestNetwork.ServerV4, "8082", "--server-closes");

        Assert.Equal("ok 50", PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV4, "8082", "50", "--server-closes").StdOut.Trim());

        var report = Exhaustion(net.Server, out var exit);
        Assert.Equal(0, exit);
        Assert.Equal("OK", report.GetProperty("verdict").GetString());
        var finding = Assert.Single(report.GetProperty("findings").EnumerateArray());
        Assert.Equal(("Server", 8082, 50), (finding.GetProperty("side").GetString(), finding.GetProperty("localPort").GetInt32(), finding.GetProperty("timeWait").GetInt32()));
        Assert.Contains("keep connections alive", finding.GetProperty("advice")[0].GetString());

        var client = Exhaustion(net.Client, out _);
        Assert.Equal(0, client.GetProperty("findings").EnumerateArray().Sum(f => f.GetProperty("timeWait").GetInt32()));
    }
}
