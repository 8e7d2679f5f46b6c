using System.Net;
using System.Net.Sockets;

namespace TwTools.TestPeer;

/// <summary>
/// Requests of one byte each: a new connection per request that the client closes (what leaves
/// client-side TIME_WAIT), or all over one kept-alive connection. Prints "ok N" or "error CODE after N".
/// </summary>
internal static class Client
{
    public static int Run(IPAddress address, int port, int count, bool pooled, int intervalMs, bool serverCloses)
    {
        var done = 0;
        Socket? kept = null;
        try
        {
            for (; done < count; done++)
            {
                var socket = pooled ? kept ??= Connect(address, port) : Connect(address, port);
                Request(socket);
                if (!pooled)
                {
                    // Whoever sends the first FIN keeps the TIME_WAIT: wait for the server's when it is to close first.
                    if (!serverCloses)
                    {
                        socket.Shutdown(SocketShutdown.Send);
                    }

                    Drain(socket);
                    socket.Dispose();
                }

                if (intervalMs > 0)
                {
                    Thread.Sleep(intervalMs);
                }
            }

            Console.Out.WriteLine($"ok {done}");
            return 0;
        }
        catch (SocketException e)
        {
            Console.Out.WriteLine($"error {e.SocketErrorCode} after {done}");
            return 1;
        }
        finally
        {
            kept?.Dispose();
        }
    }

    private static Socket Connect(IPAddress address, int port)
    {
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(new IPEndPoint(address, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void Request(Socket socket)
    {
        var buffer = new byte[] { 42 };
        socket.Send(buffer);
        if (socket.Receive(buffer) != 1)
        {
            throw new SocketException((int)SocketError.ConnectionReset);
        }
    }

    // Wait for the server's FIN so the socket reaches TIME_WAIT before the process moves on.
    private static void Drain(Socket socket)
    {
        var buffer = new byte[16];
        while (socket.Receive(buffer) > 0)
        {
        }
    }
}
