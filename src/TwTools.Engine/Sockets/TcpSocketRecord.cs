namespace TwTools.Engine.Sockets;

/// <summary>
/// One TCP socket as every socket source reports it (netlink, /proc/net/tcp text, a recording): a
/// value type, so reading 200k sockets allocates nothing per socket until one is shown.
/// </summary>
internal readonly record struct TcpSocketRecord(
    TcpState State,
    InetAddress LocalAddress,
    ushort LocalPort,
    InetAddress RemoteAddress,
    ushort RemotePort,
    SocketTimerKind Timer,
    uint TimerMilliseconds,
    byte Retransmits,
    uint Uid,
    ulong Inode)
{
    public InetFamily Family => LocalAddress.Family;

    /// <summary>How long the pending timer has left; for TIME_WAIT, until the socket and its port are freed.</summary>
    public TimeSpan? TimeLeft => Timer == SocketTimerKind.None ? null : TimeSpan.FromMilliseconds(TimerMilliseconds);
}
