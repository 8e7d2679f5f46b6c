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
        var addressText = Padded(slash < 0 ? text : text[..slash]);
        if (addressText is null || !InetAddress.TryParse(addressText.Trim('[', ']'), out var address))
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

    /// <summary>
    /// An IPv4 address as iproute2 reads it: "10.77" is 10.77.0.0, parts padded with zeros on the right, where .NET (as
    /// inet_aton) would read 10.0.0.77 and answer another question. Forms ss does not take (hex, octal, a part above 255)
    /// are refused; anything with a colon is left to the IPv6 parser.
    /// </summary>
    private static string? Padded(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return text;
        }

        var parts = text.Split('.');
        if (parts.Length > 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || int.Parse(p, CultureInfo.InvariantCulture) > 255))
        {
            return null;
        }

        return string.Join('.', parts.Concat(Enumerable.Repeat("0", 4 - parts.Length)));
    }

    public override string ToString() =>
        Length == Network.PrefixBits ? Network.ToString() : Network + "/" + Length.ToString(CultureInfo.InvariantCulture);
}
