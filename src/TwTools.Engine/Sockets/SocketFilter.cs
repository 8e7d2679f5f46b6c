namespace TwTools.Engine.Sockets;

/// <summary>
/// Which sockets a caller wants. States and family go to the kernel (inet_diag filters them before
/// they are copied out); ports and the remote network are checked per record in user space.
/// </summary>
public sealed record SocketFilter
{
    public static SocketFilter Everything { get; } = new();

    internal TcpStateSet States { get; init; } = TcpStateSet.All;

    /// <summary>Null for both families.</summary>
    public InetFamily? Family { get; init; }

    public IReadOnlyList<ushort> LocalPorts { get; init; } = [];

    public IReadOnlyList<ushort> RemotePorts { get; init; } = [];

    /// <summary>Remote networks (an address is a /32 or /128); a socket matches if its peer is in any.</summary>
    internal IReadOnlyList<AddressPrefix> RemoteNetworks { get; init; } = [];

    public bool WantsFamily(InetFamily family) => Family is null || Family == family;

    internal bool Matches(in TcpSocketRecord socket)
    {
        if (!States.Contains(socket.State) || !WantsFamily(socket.Family))
        {
            return false;
        }

        if (LocalPorts.Count > 0 && !Contains(LocalPorts, socket.LocalPort))
        {
            return false;
        }

        if (RemotePorts.Count > 0 && !Contains(RemotePorts, socket.RemotePort))
        {
            return false;
        }

        if (RemoteNetworks.Count > 0)
        {
            foreach (var network in RemoteNetworks)
            {
                if (network.Contains(socket.RemoteAddress))
                {
                    return true;
                }
            }

            return false;
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<ushort> ports, ushort port)
    {
        for (var i = 0; i < ports.Count; i++)
        {
            if (ports[i] == port)
            {
                return true;
            }
        }

        return false;
    }
}
