namespace TwTools.Integration.Tests;

/// <summary>A host whose whole ephemeral range is reserved has no port for connect(): that is exhaustion, never OK.</summary>
public class NoUsablePortsTests
{
    [Fact]
    public void A_fully_reserved_range_is_judged_exhausted_while_connect_really_fails()
    {
        using var ns = new TestNamespace();
        ns.Exec("ip", "link", "set", "lo", "up");
        ns.Set("net.ipv4.ip_local_port_range", "40000 40001");
        ns.Set("net.ipv4.ip_local_reserved_ports", "40000-40001");

        var result = ns.Exec(Cli.Command("exhaustion"));
        // The kernel agrees: a connect() to a listener on loopback has no port to take.
        using var server = PeerProcess.Start(ns, waitForReady: true, "serve", "127.0.0.1", "9000");
        var connect = ns.Exec("dotnet", PeerProcess.PeerDll, "requests", "127.0.0.1", "9000", "1");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Exhausted", result.StdOut);
        Assert.Contains("TwTools.Ports.NoUsablePorts", result.StdErr);
        Assert.Equal("error AddressNotAvailable after 0", connect.StdOut.Trim());
    }

    [Fact]
    public void A_policy_that_reserves_the_host_range_is_refused_and_nothing_is_written()
    {
        using var ns = new TestNamespace();
        ns.Set("net.ipv4.ip_local_port_range", "40000 40001");
        var policy = Cli.WritePolicy(
            "apiVersion: twtools.io/v1\nkind: TwPolicy\nmetadata:\n  name: reserve-all\nspec:\n  settings:\n" +
            "    net.ipv4.ip_local_reserved_ports: \"40000-40001\"\n  persist:\n    enabled: true\n");

        var result = ns.Exec(Cli.Command("apply", "--policy", policy));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("TwTools.Policy.NoUsablePorts", result.StdErr);
        Assert.Contains(":7:", result.StdErr);
        Assert.Equal(string.Empty, ns.Get("net.ipv4.ip_local_reserved_ports"));
        Assert.Empty(Directory.GetFiles(ns.SysctlD));
    }
}
