using System.Net;
using System.Net.Sockets;

namespace TwTools.TestPeer;

/// <summary>
/// Makes many client-side TIME_WAIT sockets fast, for the benchmark: explicit source ports (letting
/// connect() pick slows to a crawl past ~32k per destination), a thousand at a time: connect, close
/// the client (it closes first), then accept and close the server side.
/// </summary>
internal static class TimeWaitFactory
{
    private const int Batch = 1000;

    public static int Run(IPAddress server, int port, int count, int firstPort, IPAddress[] sources)
    {
        using var listener = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(server, port));
        listener.Listen(4096);
        var source = 0;
        var localPort = firstPort;
        var made = 0;
        var clients = new List<Socket>(Batch);
        while (made < count)
        {
            for (var i = 0; i < Batch && made + clients.Count < count; i++)
            {
                var client = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                client.Bind(new IPEndPoint(sources[source], localPort));
                client.Connect(new IPEndPoint(server, port));
                clients.Add(client);
                if (++localPort > 65535)
                {
                    localPort = firstPort;
                    source++;
                }
            }

            foreach (var client in clients)
            {
                client.Dispose();
            }

            for (var i = 0; i < clients.Count; i++)
            {
                listener.Accept().Dispose();
            }

            made += clients.Count;
            clients.Clear();
        }

        Console.Out.WriteLine($"ok {made}");
        return 0;
    }
}
