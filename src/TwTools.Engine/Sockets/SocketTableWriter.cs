using System.Buffers.Text;
using System.Globalization;
using System.Text;
using TwTools.Engine.Text;

namespace TwTools.Engine.Sockets;

/// <summary>
/// The socket table as netstat lays it out, written as UTF-8 straight from the records: no TcpSocket
/// object, no string per field, one large write per 64 KiB. At 200k sockets the per-line strings of the
/// object path cost more than the kernel's walk; here an address is formatted once however many sockets
/// share it (TIME_WAIT piles up toward few destinations).
/// </summary>
internal sealed class SocketTableWriter
{
    public const string Header = "Proto  Local Address                                   Foreign Address                                 State        Timer";
    private const int EndpointWidth = 48;
    private const int StateWidth = 13;
    private const int TimerWidth = 22;
    private const int MaxCachedAddresses = 4096;

    private readonly Stream _destination;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly Dictionary<InetAddress, byte[]> _addresses = [];
    private readonly byte[][] _states = Enumerable.Range(0, 256).Select(v => Encoding.ASCII.GetBytes(TcpStateNames.Display((TcpState)v).PadRight(StateWidth))).ToArray();
    private int _used;

    public SocketTableWriter(Stream destination) => _destination = destination;

    public void Write(IEnumerable<TcpSocketRecord> records, SocketOwnerIndex? owners, CancellationToken cancellation)
    {
        Append(Header);
        Append(owners is null ? "\n" : "                 PID/Program\n");
        foreach (var record in records)
        {
            if (_used > _buffer.Length - 1024)
            {
                cancellation.ThrowIfCancellationRequested();
                Flush();
            }

            Line(record, owners);
        }

        Flush();
    }

    private void Line(in TcpSocketRecord record, SocketOwnerIndex? owners)
    {
        Append(record.Family == InetFamily.IPv6 ? "tcp6   " : "tcp    ");
        Endpoint(record.LocalAddress, record.LocalPort);
        Endpoint(record.RemoteAddress, record.RemotePort);
        Append(_states[(int)record.State]);
        var start = _used;
        Timer(record);
        if (owners is not null)
        {
            Pad(start, TimerWidth);
            var owner = owners.Find(record.Inode);
            Append(owner is null ? "-" : owner.ProcessId.ToString(CultureInfo.InvariantCulture) + "/" + TerminalText.Escape(owner.ProcessName));
        }

        _buffer[_used++] = (byte)'\n';
    }

    private void Endpoint(InetAddress address, ushort port)
    {
        var start = _used;
        var v6 = address.Family == InetFamily.IPv6;
        if (v6)
        {
            _buffer[_used++] = (byte)'[';
        }

        Append(AddressBytes(address));
        if (v6)
        {
            _buffer[_used++] = (byte)']';
        }

        _buffer[_used++] = (byte)':';
        if (port == 0)
        {
            _buffer[_used++] = (byte)'*';
        }
        else
        {
            Utf8Formatter.TryFormat(port, _buffer.AsSpan(_used), out var written);
            _used += written;
        }

        Pad(start, EndpointWidth);
    }

    // "timewait (42.1s)", as ss -o and netstat -o name the timers; the seconds formatted as the object path formats them.
    private void Timer(in TcpSocketRecord record)
    {
        if (record.Timer == SocketTimerKind.None)
        {
            Append("off");
            return;
        }

        Append(record.Timer switch
        {
            SocketTimerKind.Retransmit => "on (",
            SocketTimerKind.KeepAlive => "keepalive (",
            SocketTimerKind.TimeWait => "timewait (",
            SocketTimerKind.ZeroWindowProbe => "persist (",
            _ => "off (",
        });
        var tenths = Tenths(record.TimerMilliseconds);
        Utf8Formatter.TryFormat(tenths / 10, _buffer.AsSpan(_used), out var written);
        _used += written;
        _buffer[_used++] = (byte)'.';
        _buffer[_used++] = (byte)('0' + (int)(tenths % 10));
        Append("s)");
    }

    /// <summary>
    /// Milliseconds as tenths of a second, rounded half up: what formatting the seconds with "0.0" gives
    /// (SocketTableLayoutTests checks every value to two hours and beyond), without a custom-format
    /// double per line, which alone cost more than the rest of the line.
    /// </summary>
    internal static ulong Tenths(uint milliseconds) => ((ulong)milliseconds + 50) / 100;

    private byte[] AddressBytes(InetAddress address)
    {
        if (!_addresses.TryGetValue(address, out var bytes))
        {
            if (_addresses.Count >= MaxCachedAddresses)
            {
                _addresses.Clear();
            }

            bytes = Encoding.ASCII.GetBytes(address.ToString());
            _addresses[address] = bytes;
        }

        return bytes;
    }

    private void Pad(int start, int width)
    {
        var missing = width - (_used - start);
        if (missing > 0)
        {
            _buffer.AsSpan(_used, missing).Fill((byte)' ');
            _used += missing;
        }
    }

    private void Append(byte[] bytes)
    {
        bytes.CopyTo(_buffer, _used);
        _used += bytes.Length;
    }

    // Only short ASCII literals and escaped process names come here; a long name still fits the margin kept free.
    private void Append(string text)
    {
        if (_used + Encoding.UTF8.GetMaxByteCount(text.Length) > _buffer.Length)
        {
            Flush();
        }

        _used += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_used));
    }

    private void Flush()
    {
        _destination.Write(_buffer, 0, _used);
        _used = 0;
    }
}
