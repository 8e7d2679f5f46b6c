using System.Globalization;
using System.Net;
using TwTools.Cli.Commands;

namespace TwTools.Cli.Runs;

/// <summary>Where the exporter listens, written as node_exporter's --web.listen-address is: HOST:PORT, [IPv6]:PORT, or :PORT for every address.</summary>
internal sealed record ListenAddress(IPAddress? Address, int Port)
{
    /// <summary>
    /// The exporter's default port: in the 9100-range Prometheus keeps for exporters, next to node_exporter's 9100 but not
    /// one of the well-known allocations twtools is likely to share a node with.
    /// </summary>
    public const int DefaultPort = 9977;

    public static ListenAddress Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        var host = colon < 0 ? null : text[..colon].Trim('[', ']');
        if (colon < 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw CommandRunner.InputError("web.listen-address", $"'{Engine.Text.PrintableText.Of(text, 100)}' is not HOST:PORT, [IPv6]:PORT or :PORT (for example :{DefaultPort} or 127.0.0.1:{DefaultPort}).");
        }

        if (string.IsNullOrEmpty(host))
        {
            return new ListenAddress(null, port);
        }

        return IPAddress.TryParse(host, out var address) ? new ListenAddress(address, port)
            : host == "localhost" ? new ListenAddress(IPAddress.Loopback, port)
            : throw CommandRunner.InputError("web.listen-address", $"'{Engine.Text.PrintableText.Of(host, 100)}' is not an IP address to listen on (names other than localhost are not resolved).");
    }

    public override string ToString() => Address is null ? $":{Port}" : Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]:{Port}" : $"{Address}:{Port}";
}
