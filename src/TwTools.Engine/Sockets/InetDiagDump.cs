namespace TwTools.Engine.Sockets;

/// <summary>
/// One dump request and its multi-part answer, read message by message out of a reused buffer: each
/// step yields where one socket's inet_diag_msg starts in that buffer, valid until the next step.
/// </summary>
internal sealed class InetDiagDump
{
    private readonly NetlinkDiagSocket _socket;
    private readonly byte[] _buffer;
    private readonly uint _states;
    private readonly CancellationToken _cancellation;
    private readonly ushort _bothFamiliesRequest;
    private uint _sequence;

    public InetDiagDump(NetlinkDiagSocket socket, byte[] buffer, uint states, ushort bothFamiliesRequest, CancellationToken cancellation)
    {
        _bothFamiliesRequest = bothFamiliesRequest;
        _socket = socket;
        _buffer = buffer;
        _states = states;
        _cancellation = cancellation;
    }

    /// <summary>Set when the kernel answered the last request with an error before any socket (an unsupported request kind).</summary>
    public bool Refused { get; private set; }

    /// <param name="family">AF_INET, AF_INET6, or 0 for the legacy both-families request.</param>
    /// <param name="tolerateRefusal">Report an error answer through <see cref="Refused"/> instead of throwing.</param>
    public IEnumerable<int> Run(byte family, bool tolerateRefusal)
    {
        var sequence = ++_sequence;
        Refused = false;
        _socket.SendDumpRequest(family, _bothFamiliesRequest, _states, sequence);
        var any = false;
        while (true)
        {
            _cancellation.ThrowIfCancellationRequested();
            var received = _socket.Receive(_buffer);
            if (received == 0)
            {
                throw new InvalidDataException("The sock_diag dump ended without NLMSG_DONE.");
            }

            var offset = 0;
            while (offset + InetDiagMessages.HeaderSize <= received)
            {
                var (length, type, messageSequence) = InetDiagMessages.ReadHeader(_buffer.AsSpan(offset));
                if (length < InetDiagMessages.HeaderSize || offset + length > received)
                {
                    throw new InvalidDataException($"Malformed netlink message ({length} bytes at offset {offset} of {received}).");
                }

                var start = offset;
                offset += InetDiagMessages.Align(length);
                if (messageSequence != sequence)
                {
                    continue;
                }

                if (type == InetDiagMessages.NlmsgDone)
                {
                    yield break;
                }

                if (type == InetDiagMessages.NlmsgError)
                {
                    var errno = InetDiagMessages.ReadErrno(_buffer.AsSpan(start));
                    if (tolerateRefusal && !any)
                    {
                        Refused = true;
                        yield break;
                    }

                    throw NetlinkDiagSocket.Failure("sock_diag dump", errno);
                }

                if (length >= InetDiagMessages.HeaderSize + InetDiagMessages.DiagMessageSize)
                {
                    any = true;
                    yield return start + InetDiagMessages.HeaderSize;
                }
            }
        }
    }
}
