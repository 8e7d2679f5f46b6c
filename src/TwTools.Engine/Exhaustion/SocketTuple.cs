using TwTools.Engine.Sockets;

namespace TwTools.Engine.Exhaustion;

/// <summary>A connection's identity across two samples: the four-tuple and whether it was in TIME_WAIT.</summary>
internal readonly record struct SocketTuple(DestinationKey Destination, ushort LocalPort)
{
    public static SocketTuple Of(in TcpSocketRecord socket) => new(DestinationKey.Of(socket), socket.LocalPort);
}
