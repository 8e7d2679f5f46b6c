namespace TwTools.Integration.Tests;

/// <summary>
/// Two test hosts, a client and a server, joined by a veth pair created inside the client's namespace
/// and moved straight into the server's: no interface, address or packet ever touches the machine's
/// own namespace. IPv4 and IPv6 (DAD off, so addresses work at once).
/// </summary>
public sealed class TestNetwork : IDisposable
{
    public const string ClientV4 = "10.77.0.1";
    public const string ServerV4 = "10.77.0.2";
    public const string ClientV6 = "fd77::1";
    public const string ServerV6 = "fd77::2";

    public TestNetwork()
    {
        Client = new TestNamespace();
        try
        {
            Server = new TestNamespace();
            Shell.Check("ip", "-n", Client.Name, "link", "add", "tw0", "type", "veth", "peer", "name", "tw1", "netns", Server.Name);
            Configure(Client, "tw0", ClientV4, ClientV6);
            Configure(Server, "tw1", ServerV4, ServerV6);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public TestNamespace Client { get; }

    public TestNamespace Server { get; } = null!;

    public void Dispose()
    {
        Client.Dispose();
        Server?.Dispose();
    }

    private static void Configure(TestNamespace ns, string device, string v4, string v6)
    {
        Shell.Check("ip", "-n", ns.Name, "link", "set", "lo", "up");
        Shell.Check("ip", "-n", ns.Name, "addr", "add", v4 + "/24", "dev", device);
        Shell.Check("ip", "-n", ns.Name, "addr", "add", v6 + "/64", "dev", device, "nodad");
        Shell.Check("ip", "-n", ns.Name, "link", "set", device, "up");
    }
}
