using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;

namespace TwTools.Engine.Remote;

/// <summary>
/// A remote host as users write it: <c>host</c>, <c>user@host</c>, <c>host:port</c>, <c>[v6]:port</c>.
/// Only names and addresses ssh itself would accept get through, so nothing typed here can become an
/// ssh option (<c>-oProxyCommand=…</c>) or a shell word.
/// </summary>
public sealed partial record HostAddress(string Host, string? User, int? Port)
{
    public static HostAddress Parse(string text)
    {
        var rest = text.Trim();
        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            rest = rest[(at + 1)..];
            if (!UserName().IsMatch(user))
            {
                throw Invalid(text, $"'{user}' is not a valid user name");
            }
        }

        int? port = null;
        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            if (close < 0)
            {
                throw Invalid(text, "an IPv6 address in [ ] is not closed");
            }

            host = rest[1..close];
            var after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                port = after[0] == ':' ? ParsePort(text, after[1..]) : throw Invalid(text, $"unexpected '{after}' after the address");
            }

            if (!IsIPv6(host))
            {
                throw Invalid(text, $"'{host}' is not an IPv6 address");
            }
        }
        else if (rest.Count(c => c == ':') > 1)
        {
            // A bare IPv6 address: no port possible without brackets.
            host = rest;
            if (!IsIPv6(host))
            {
                throw Invalid(text, $"'{host}' is not an IPv6 address");
            }
        }
        else
        {
            var colon = rest.IndexOf(':');
            host = colon < 0 ? rest : rest[..colon];
            if (colon >= 0)
            {
                port = ParsePort(text, rest[(colon + 1)..]);
            }

            if (!HostName().IsMatch(host))
            {
                throw Invalid(text, host.Length == 0 ? "the host name is empty" : $"'{host}' is not a host name or address");
            }
        }

        return new HostAddress(host, user, port);
    }

    /// <summary>How the host is named in output, errors and the <c>host</c> property: as the user wrote it, normalised.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':') && Port is not null ? $"[{Host}]" : Host;
        return (User is null ? string.Empty : User + "@") + host + (Port is { } p ? ":" + p.ToString(CultureInfo.InvariantCulture) : string.Empty);
    }

    private static int ParsePort(string text, string port) =>
        int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536
            ? value
            : throw Invalid(text, $"'{port}' is not a port (1-65535)");

    private static TwOperationException Invalid(string text, string reason) =>
        new(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidHostName, TwErrorCategory.InvalidArgument, PrintableText.Of($"Host '{text}': {reason}.")) with { Target = PrintableText.Of(text) });

    // DNS labels (with the underscore some internal zones use), or an IPv4 address; never a leading '-'.
    // IPAddress.TryParse takes any text after '%' as a scope id; ssh (and a %h in someone's ProxyCommand)
    // would receive it, so only an interface name or number may follow.
    private static bool IsIPv6(string text)
    {
        var percent = text.IndexOf('%');
        return IPAddress.TryParse(text, out var address)
            && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            && (percent < 0 || ScopeId().IsMatch(text[(percent + 1)..]));
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,15}\z")]
    private static partial Regex ScopeId();

    [GeneratedRegex(@"^(?=.{1,253}\z)[A-Za-z0-9_]([A-Za-z0-9_-]{0,62})(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,62}))*\.?\z")]
    private static partial Regex HostName();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_.-]{0,31}\z")]
    private static partial Regex UserName();
}
