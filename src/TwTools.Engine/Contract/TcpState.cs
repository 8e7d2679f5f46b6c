namespace TwTools;

/// <summary>
/// TCP states with the kernel's own numbers (include/net/tcp_states.h), so a state is also its bit in
/// inet_diag's <c>idiag_states</c> mask and its hex code in /proc/net/tcp. Names follow
/// Get-NetTCPConnection's State where the two overlap.
/// </summary>
public enum TcpState : byte
{
    Established = 1,
    SynSent = 2,
    SynReceived = 3,
    FinWait1 = 4,
    FinWait2 = 5,
    TimeWait = 6,
    Closed = 7,
    CloseWait = 8,
    LastAck = 9,
    Listen = 10,
    Closing = 11,
    NewSynReceived = 12,
}
