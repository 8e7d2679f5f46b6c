using System.Buffers.Binary;
using System.Buffers.Text;

namespace TwTools.Engine.Sockets;

/// <summary>
/// Parses one line of /proc/net/tcp or /proc/net/tcp6 (net/ipv4/tcp_ipv4.c get_tcp4_sock and
/// net/ipv6/tcp_ipv6.c get_tcp6_sock). Addresses are the kernel's 32-bit words printed with %08X in
/// host byte order; ports are already in host order; timers are clock ticks (USER_HZ, 100 per second).
/// </summary>
internal static class ProcNetTcpLine
{
    private const uint MillisecondsPerTick = 10;

    /// <summary>
    /// False for the header line and anything else that is not a socket line: a state the kernel does not
    /// have (0x00, 0x21, 0xFF), numbers with trailing text (uid "12abc"), a malformed endpoint.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out TcpSocketRecord record)
    {
        record = default;
        var field = 0;
        InetAddress local = default, remote = default;
        ushort localPort = 0, remotePort = 0;
        byte state = 0, retransmits = 0;
        var timer = SocketTimerKind.None;
        uint timerTicks = 0, uid = 0;
        ulong inode = 0;

        while (field <= 9)
        {
            line = line.TrimStart((byte)' ');
            var end = line.IndexOf((byte)' ');
            var token = end < 0 ? line : line[..end];
            if (token.IsEmpty)
            {
                return false;
            }

            var ok = field switch
            {
                0 => token[^1] == (byte)':',
                1 => TryEndpoint(token, out local, out localPort),
                2 => TryEndpoint(token, out remote, out remotePort),
                3 => TryHexByte(token, out state) && state is >= (byte)TcpState.Established and <= (byte)TcpState.NewSynReceived,
                5 => TryTimer(token, out timer, out timerTicks),
                6 => TryRetransmits(token, out retransmits),
                7 => Utf8Parser.TryParse(token, out uid, out var uidUsed) && uidUsed == token.Length,
                9 => Utf8Parser.TryParse(token, out inode, out var inodeUsed) && inodeUsed == token.Length,
                _ => true,
            };
            if (!ok)
            {
                return false;
            }

            field++;
            line = end < 0 ? default : line[end..];
        }

        record = new TcpSocketRecord(
            (TcpState)state, local, localPort, remote, remotePort, timer,
            timer == SocketTimerKind.None ? 0 : (uint)Math.Min((ulong)timerTicks * MillisecondsPerTick, uint.MaxValue), retransmits, uid, inode);
        return true;
    }

    private static bool TryEndpoint(ReadOnlySpan<byte> token, out InetAddress address, out ushort port)
    {
        address = default;
        port = 0;
        var colon = token.IndexOf((byte)':');
        if (colon is not (8 or 32) || token.Length != colon + 5 || !Utf8Parser.TryParse(token[(colon + 1)..], out port, out _, 'X'))
        {
            return false;
        }

        // Each word is the in-memory (network order) bytes read as a little-endian integer.
        Span<byte> bytes = stackalloc byte[16];
        for (var word = 0; word < colon / 8; word++)
        {
            if (!TryHex32(token.Slice(word * 8, 8), out var value))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(bytes[(word * 4)..], value);
        }

        address = InetAddress.FromBytes(bytes[..(colon / 2)]);
        return true;
    }

    // "03:00001694": timer kind, then ticks left.
    private static bool TryTimer(ReadOnlySpan<byte> token, out SocketTimerKind timer, out uint ticks)
    {
        timer = SocketTimerKind.None;
        ticks = 0;
        if (token.Length < 4 || token[2] != (byte)':' || !TryHexByte(token[..2], out var kind) || !TryHex32(token[3..], out ticks))
        {
            return false;
        }

        timer = (SocketTimerKind)kind;
        return true;
    }

    private static bool TryRetransmits(ReadOnlySpan<byte> token, out byte retransmits)
    {
        var ok = TryHex32(token, out var value);
        retransmits = (byte)Math.Min(value, byte.MaxValue);
        return ok;
    }

    private static bool TryHex32(ReadOnlySpan<byte> token, out uint value) =>
        Utf8Parser.TryParse(token, out value, out var consumed, 'X') && consumed == token.Length;

    private static bool TryHexByte(ReadOnlySpan<byte> token, out byte value) =>
        Utf8Parser.TryParse(token, out value, out var consumed, 'X') && consumed == token.Length;
}
