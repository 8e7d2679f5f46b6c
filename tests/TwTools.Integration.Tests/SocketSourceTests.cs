using System.Text.Json;

namespace TwTools.Integration.Tests;

/// <summary>Netlink, /proc/net/tcp and ss agree about one real socket table.</summary>
public class SocketSourceTests
{
    private static List<string> Listed(TestNamespace ns, params string[] arguments)
    {
        var result = ns.Exec(Cli.Command(["sockets", "--json", .. arguments]));
        Assert.True(result.ExitCode == 0, result.ToString());
        return JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray()
            .Select(s => $"{s.GetProperty("state").GetString()} {s.GetProperty("localAddress").GetString()}:{s.GetProperty("localPort")} {s.GetProperty("remoteAddress").GetString()}:{s.GetProperty("remotePort")}")
            .Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public void Netlink_and_proc_files_list_the_same_sockets_as_ss()
    {
        using var net = new TestNetwork();
        using var v4 = PeerProcess.Start(net.Server, waitForReady: true, "serve", TestNetwork.ServerV4, "8080");
        using var v6 = PeerProcess.Start(net.Server, waitForReady: true, "serve", TestNetwork.ServerV6, "8443");
        PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV4, "8080", "30");
        PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV6, "8443", "20");
        using var held = PeerProcess.Start(net.Client, waitForReady: false, "requests", TestNetwork.ServerV4, "8080", "1000", "--pooled", "--interval-ms", "50");
        Thread.Sleep(500);

        var netlink = Listed(net.Client, "--source", "Netlink");
        var proc = Listed(net.Client, "--source", "ProcFiles");
        var ss = net.Client.Exec("ss", "-tanH").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(netlink, proc);
        Assert.Equal(ss.Length, netlink.Count);
        Assert.Equal(30, netlink.Count(s => s.StartsWith("TimeWait 10.77.0.1:")));
        Assert.Equal(20, netlink.Count(s => s.StartsWith("TimeWait fd77::1:")));
        Assert.Single(netlink, s => s.StartsWith("Established 10.77.0.1:"));
    }

    [Fact]
    public void Owners_are_found_through_proc_fd_and_time_wait_has_none()
    {
        using var net = new TestNetwork();
        using var server = PeerProcess.Start(net.Server, waitForReady: true, "serve", TestNetwork.ServerV4, "8080", "--server-closes");
        PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV4, "8080", "3", "--server-closes");

        var result = net.Server.Exec(Cli.Command("sockets", "--json", "--process", "--local-port", "8080"));
        var sockets = JsonDocument.Parse(result.StdOut).RootElement.EnumerateArray().ToList();

        var listener = sockets.Single(s => s.GetProperty("state").GetString() == "Listen");
        Assert.Equal("dotnet", listener.GetProperty("processName").GetString());
        Assert.True(listener.GetProperty("owningProcess").GetInt32() > 0);
        var timeWait = sockets.Where(s => s.GetProperty("state").GetString() == "TimeWait").ToList();
        Assert.Equal(3, timeWait.Count);
        Assert.All(timeWait, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("owningProcess").ValueKind));
    }

    [Fact]
    public void Summary_counts_match_the_kernels_sockstat()
    {
        using var net = new TestNetwork();
        using var server = PeerProcess.Start(net.Server, waitForReady: true, "serve", TestNetwork.ServerV4, "8080");
        PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV4, "8080", "40");

        var summary = JsonDocument.Parse(net.Client.Exec(Cli.Command("sockets", "--summary", "--json")).StdOut).RootElement;

        var timeWait = summary.GetProperty("states").EnumerateArray().Single(s => s.GetProperty("state").GetString() == "TimeWait");
        Assert.Equal(40, timeWait.GetProperty("ipv4").GetInt32());
        Assert.Equal(40, summary.GetProperty("kernel").GetProperty("timeWait").GetInt32());
    }

    [Fact]
    public void Per_family_dumps_and_the_text_table_show_the_same_sockets()
    {
        using var net = new TestNetwork();
        using var v4 = PeerProcess.Start(net.Server, waitForReady: true, "serve", TestNetwork.ServerV4, "8080");
        using var v6 = PeerProcess.Start(net.Server, waitForReady: true, "serve", TestNetwork.ServerV6, "8443");
        PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV4, "8080", "12");
        PeerProcess.Run(net.Client, "requests", TestNetwork.ServerV6, "8443", "7");

        // --family asks the kernel per family (SOCK_DIAG_BY_FAMILY); without it one legacy dump serves both.
        var both = Listed(net.Client);
        var ipv4 = Listed(net.Client, "--family", "IPv4");
        var ipv6 = Listed(net.Client, "--family", "6");
        Assert.Equal(both, ipv4.Concat(ipv6).Order(StringComparer.Ordinal));
        Assert.Equal((12, 7), (ipv4.Count, ipv6.Count));

        var text = net.Client.Exec(Cli.Command("sockets", "--state", "TIME_WAIT")).StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Proto", text[0]);
        Assert.Equal(12, text.Count(l => l.StartsWith("tcp    10.77.0.1:") && l.Contains("10.77.0.2:8080") && l.Contains("TIME_WAIT") && l.Contains("timewait (")));
        Assert.Equal(7, text.Count(l => l.StartsWith("tcp6   [fd77::1]:") && l.Contains("[fd77::2]:8443")));
    }
}
