using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TwTools.Engine.Sockets;

/// <summary>An address or a network in CIDR form (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>, <c>192.0.2.7</c>).</summary>
internal readonly record struct AddressPrefix(InetAddress Network, int Length)
{
    public bool Contains(InetAddress address) => address.IsWithin(Network, Length);

    public static bool TryParse(string text, [NotNullWhen(false)] out string? problem, out AddressPrefix prefix)
    {
        prefix = default;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!InetAddress.TryParse(addressText.Trim('[', ']'), out var address))
        {
            problem = $"'{text}' is not an IPv4 or IPv6 address or network.";
            return false;
        }

        address = address.Unmapped;
        var length = address.PrefixBits;
        if (slash >= 0
            && (!int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length > address.PrefixBits))
        {
            problem = $"'{text}': the prefix length must be 0 to {address.PrefixBits}.";
            return false;
        }

        prefix = new AddressPrefix(address, length);
        problem = null;
        return true;
    }

    public override string ToString() =>
        Length == Network.PrefixBits ? Network.ToString() : Network + "/" + Length.ToString(CultureInfo.InvariantCulture);
}
