using TwTools.Engine.Sockets;

namespace TwTools.Engine.Exhaustion;

/// <summary>
/// What connect() must keep unique apart from the local port: source address, destination address
/// and port. IPv4-mapped IPv6 addresses are folded into IPv4, since both draw from one port space.
/// </summary>
internal readonly record struct DestinationKey(InetAddress LocalAddress, InetAddress RemoteAddress, ushort RemotePort)
{
    public static DestinationKey Of(in TcpSocketRecord socket) =>
        new(socket.LocalAddress.Unmapped, socket.RemoteAddress.Unmapped, socket.RemotePort);
}
