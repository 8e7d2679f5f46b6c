using System.Net;
using System.Net.Sockets;

namespace TwTools.TestPeer;

/// <summary>A one-byte echo server; prints "ready" once listening and stops when stdin closes.</summary>
internal static class Server
{
    public static int Run(IPAddress address, int port, bool serverCloses)
    {
        using var listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(new IPEndPoint(address, port));
        listener.Listen(4096);
        _ = Task.Run(() =>
        {
            Console.In.ReadToEnd();
            Environment.Exit(0);
        });
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        while (true)
        {
            var connection = listener.Accept();
            _ = Task.Run(() => Serve(connection, serverCloses));
        }
    }

    private static void Serve(Socket connection, bool serverCloses)
    {
        using (connection)
        {
            var buffer = new byte[1];
            try
            {
                while (connection.Receive(buffer) == 1)
                {
                    connection.Send(buffer);
                    if (serverCloses)
                    {
                        // Closing first puts TIME_WAIT on this side, on the listening port.
                        return;
                    }
                }
            }
            catch (SocketException)
            {
            }
        }
    }
}
