using System.Buffers.Binary;

namespace TwTools.Engine.Sockets;

/// <summary>
/// The bytes of NETLINK_SOCK_DIAG for TCP (include/uapi/linux/inet_diag.h, sock_diag.h, netlink.h):
/// a dump request built once per family, and inet_diag_msg records read in place, without copying.
/// </summary>
internal static class InetDiagMessages
{
    public const int HeaderSize = 16;          // struct nlmsghdr
    public const int RequestSize = HeaderSize + 56; // + struct inet_diag_req_v2
    public const int DiagMessageSize = 72;     // struct inet_diag_msg

    public const ushort NlmsgError = 2;
    public const ushort NlmsgDone = 3;
    public const ushort SockDiagByFamily = 20;

    private const ushort NlmFRequest = 0x1;
    private const ushort NlmFDump = 0x300;
    private const byte IpProtoTcp = 6;

    public const byte AfInet = 2;
    public const byte AfInet6 = 10;

    public static void WriteDumpRequest(Span<byte> request, byte family, uint states, uint sequence)
    {
        WriteDumpHeader(request, RequestSize, SockDiagByFamily, sequence);
        request[HeaderSize] = family;
        request[HeaderSize + 1] = IpProtoTcp;
        BinaryPrimitives.WriteUInt32LittleEndian(request[(HeaderSize + 4)..], states);
    }

    public const int LegacyRequestSize = HeaderSize + 60; // + struct inet_diag_req
    public const ushort TcpDiagGetSock = 18;

    /// <summary>
    /// TCPDIAG_GETSOCK, the pre-sock_diag request: the kernel serves it with the family unset, so one
    /// walk of the socket hash returns both IPv4 and IPv6 instead of one full walk per family.
    /// </summary>
    public static void WriteLegacyDumpRequest(Span<byte> request, ushort type, uint states, uint sequence)
    {
        WriteDumpHeader(request, LegacyRequestSize, type, sequence);
        request[HeaderSize] = AfInet;
        BinaryPrimitives.WriteUInt32LittleEndian(request[(HeaderSize + 52)..], states);
    }

    // nlmsghdr of a dump request, over a zeroed body.
    private static void WriteDumpHeader(Span<byte> request, int size, ushort type, uint sequence)
    {
        request[..size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(request, (uint)size);
        BinaryPrimitives.WriteUInt16LittleEndian(request[4..], type);
        BinaryPrimitives.WriteUInt16LittleEndian(request[6..], NlmFRequest | NlmFDump);
        BinaryPrimitives.WriteUInt32LittleEndian(request[8..], sequence);
    }

    public static (int Length, ushort Type, uint Sequence) ReadHeader(ReadOnlySpan<byte> message) => (
        (int)BinaryPrimitives.ReadUInt32LittleEndian(message),
        BinaryPrimitives.ReadUInt16LittleEndian(message[4..]),
        BinaryPrimitives.ReadUInt32LittleEndian(message[8..]));

    /// <summary>NLMSG_ERROR carries a negative errno right after the header.</summary>
    public static int ReadErrno(ReadOnlySpan<byte> message) =>
        -BinaryPrimitives.ReadInt32LittleEndian(message[HeaderSize..]);

    public static int Align(int length) => (length + 3) & ~3;

    public static TcpSocketRecord ReadSocket(ReadOnlySpan<byte> payload)
    {
        var family = payload[0];
        var addressLength = family == AfInet6 ? 16 : 4;
        return new TcpSocketRecord(
            State: (TcpState)payload[1],
            LocalAddress: InetAddress.FromBytes(payload.Slice(8, addressLength)),
            LocalPort: BinaryPrimitives.ReadUInt16BigEndian(payload[4..]),
            RemoteAddress: InetAddress.FromBytes(payload.Slice(24, addressLength)),
            RemotePort: BinaryPrimitives.ReadUInt16BigEndian(payload[6..]),
            Timer: (SocketTimerKind)payload[2],
            TimerMilliseconds: payload[2] == 0 ? 0 : BinaryPrimitives.ReadUInt32LittleEndian(payload[52..]),
            Retransmits: payload[3],
            Uid: BinaryPrimitives.ReadUInt32LittleEndian(payload[64..]),
            Inode: BinaryPrimitives.ReadUInt32LittleEndian(payload[68..]));
    }
}
