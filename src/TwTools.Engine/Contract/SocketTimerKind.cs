namespace TwTools;

/// <summary>
/// Which timer a socket has pending, with the codes both /proc/net/tcp ("tr") and inet_diag
/// (<c>idiag_timer</c>) use. <c>ss -o</c> prints these as on, keepalive, timewait and persist.
/// </summary>
public enum SocketTimerKind : byte
{
    None = 0,
    Retransmit = 1,
    KeepAlive = 2,
    TimeWait = 3,
    ZeroWindowProbe = 4,
}
