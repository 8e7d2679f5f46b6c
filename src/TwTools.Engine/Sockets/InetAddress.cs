using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace TwTools.Engine.Sockets;

/// <summary>
/// An IPv4 or IPv6 address as a value: the address bytes read as one big-endian number. Unlike
/// <see cref="IPAddress"/> it costs no allocation, which is what lets 200k sockets stream without
/// garbage; it becomes an <see cref="IPAddress"/> or text only when a socket is shown.
/// </summary>
internal readonly record struct InetAddress(InetFamily Family, UInt128 Bits)
{
    public static InetAddress FromIPv4(uint networkOrderValue) => new(InetFamily.IPv4, networkOrderValue);

    public static InetAddress FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length switch
    {
        4 => new(InetFamily.IPv4, BinaryPrimitives.ReadUInt32BigEndian(bytes)),
        16 => new(InetFamily.IPv6, BinaryPrimitives.ReadUInt128BigEndian(bytes)),
        _ => throw new ArgumentException("An address has 4 or 16 bytes.", nameof(bytes)),
    };

    public static InetAddress FromIPAddress(IPAddress address) => FromBytes(address.GetAddressBytes());

    public static bool TryParse(string text, out InetAddress address)
    {
        if (IPAddress.TryParse(text, out var parsed))
        {
            address = FromIPAddress(parsed);
            return true;
        }

        address = default;
        return false;
    }

    public int PrefixBits => Family == InetFamily.IPv4 ? 32 : 128;

    /// <summary>True for ::ffff:a.b.c.d, the form an IPv6 socket shows for an IPv4 peer.</summary>
    public bool IsIPv4Mapped => Family == InetFamily.IPv6 && (Bits >> 32) == (UInt128)0xFFFF;

    /// <summary>The IPv4 address behind a mapped IPv6 one; connect() picks ports for both from one space.</summary>
    public InetAddress Unmapped => IsIPv4Mapped ? FromIPv4((uint)(Bits & uint.MaxValue)) : this;

    public bool IsUnspecified => Bits == UInt128.Zero;

    public bool IsLoopback
    {
        get
        {
            var address = Unmapped;
            return address.Family == InetFamily.IPv4 ? (address.Bits >> 24) == 127 : address.Bits == UInt128.One;
        }
    }

    /// <summary>Whether this address is in <paramref name="network"/>/<paramref name="prefixLength"/>; mapped IPv4 counts as IPv4.</summary>
    public bool IsWithin(InetAddress network, int prefixLength)
    {
        var self = Unmapped;
        var other = network.Unmapped;
        if (self.Family != other.Family)
        {
            return false;
        }

        var shift = self.PrefixBits - prefixLength;
        return shift >= self.PrefixBits || (self.Bits >> shift) == (other.Bits >> shift);
    }

    public IPAddress ToIPAddress()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (Family == InetFamily.IPv4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)Bits);
            return new IPAddress(bytes[..4]);
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, Bits);
        return new IPAddress(bytes);
    }

    public override string ToString()
    {
        if (Family == InetFamily.IPv4)
        {
            var v = (uint)Bits;
            return string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 0xFF}.{(v >> 8) & 0xFF}.{v & 0xFF}");
        }

        return ToIPAddress().ToString();
    }

    /// <summary>"addr:port", with IPv6 in brackets as ss and URLs write it.</summary>
    public string WithPort(int port) =>
        Family == InetFamily.IPv6 ? $"[{this}]:{port.ToString(CultureInfo.InvariantCulture)}" : $"{this}:{port.ToString(CultureInfo.InvariantCulture)}";
}
