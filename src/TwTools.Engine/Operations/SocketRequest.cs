using TwTools.Engine.Sockets;

namespace TwTools.Engine.Operations;

/// <summary>What a front end asks of a host's sockets; the same record for Get-TcpSocketState, Test-PortExhaustion and the CLI.</summary>
public sealed record SocketRequest
{
    public SocketFilter Filter { get; init; } = SocketFilter.Everything;

    /// <summary>How this machine's sockets are read; a remote host's come with its read answer whatever this says.</summary>
    public SocketSourceKind SourceKind { get; init; } = SocketSourceKind.Automatic;

    /// <summary>A capture file (<c>cat /proc/net/tcp /proc/net/tcp6</c>) read instead of the host's own sockets.</summary>
    public string? Capture { get; init; }

    /// <summary>Name each socket's owning process, from this machine's /proc.</summary>
    public bool IncludeProcess { get; init; }
}
