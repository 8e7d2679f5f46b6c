using TwTools.Engine.Sockets;

namespace TwTools;

/// <summary>
/// A TCP socket as Get-TcpSocketState and <c>twtools sockets</c> show it. Property names follow
/// Get-NetTCPConnection where they overlap (LocalAddress, LocalPort, RemoteAddress, RemotePort,
/// State, OwningProcess), so scripts written against one read naturally against the other.
/// </summary>
public sealed class TcpSocket
{
    public required string Host { get; init; }

    public required InetFamily AddressFamily { get; init; }

    public required TcpState State { get; init; }

    public required string LocalAddress { get; init; }

    public required int LocalPort { get; init; }

    public required string RemoteAddress { get; init; }

    public required int RemotePort { get; init; }

    public SocketTimerKind Timer { get; init; }

    /// <summary>Time until the timer fires; for TIME_WAIT, until the socket is gone and its port free.</summary>
    public TimeSpan? TimeLeft { get; init; }

    public int Retransmits { get; init; }

    public uint Uid { get; init; }

    public ulong Inode { get; init; }

    /// <summary>The network namespace the socket lives in, when a target named one.</summary>
    public NetworkNamespace? NetworkNamespace { get; init; }

    /// <summary>Filled only when the owner was asked for (-IncludeProcess / --process).</summary>
    public int? OwningProcess { get; init; }

    public string? ProcessName { get; init; }

    internal static TcpSocket From(in TcpSocketRecord record, string host, SocketOwner? owner, NetworkNamespace? ns = null) => new()
    {
        Host = host,
        NetworkNamespace = ns,
        AddressFamily = record.Family,
        State = record.State,
        LocalAddress = record.LocalAddress.ToString(),
        LocalPort = record.LocalPort,
        RemoteAddress = record.RemoteAddress.ToString(),
        RemotePort = record.RemotePort,
        Timer = record.Timer,
        TimeLeft = record.TimeLeft,
        Retransmits = record.Retransmits,
        Uid = record.Uid,
        Inode = record.Inode,
        OwningProcess = owner?.ProcessId,
        ProcessName = owner?.ProcessName,
    };

    /// <summary>What "$socket" shows in a string: the connection as ss prints it, not a type name.</summary>
    public override string ToString() => $"{Host}: {State} {LocalAddress}:{LocalPort} -> {RemoteAddress}:{RemotePort}";
}
