namespace TwTools.Engine.Sockets;

/// <summary>A socket source that can count per state and family without materialising a record per socket.</summary>
internal interface ISocketCounter
{
    /// <summary>
    /// Adds each socket the filter selects to <paramref name="counts"/>[state, family (0 IPv4, 1 IPv6)];
    /// false when this filter needs the records after all (ports, networks), and nothing was read.
    /// </summary>
    bool TryCount(SocketFilter filter, long[,] counts, CancellationToken cancellation);
}
