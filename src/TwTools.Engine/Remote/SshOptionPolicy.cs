using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;

namespace TwTools.Engine.Remote;

/// <summary>
/// Which <c>-o</c> options a user may pass through. ssh runs local commands for some options
/// (ProxyCommand, LocalCommand, KnownHostsCommand, Match exec), and others would undo the security
/// defaults or the connection sharing TwTools manages; an allow-list keeps all of those out.
/// </summary>
public static class SshOptionPolicy
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "AddressFamily", "BindAddress", "Ciphers", "Compression", "ConnectionAttempts", "ConnectTimeout",
        "GlobalKnownHostsFile", "HostKeyAlgorithms", "HostKeyAlias", "IdentitiesOnly", "IdentityFile",
        "IPQoS", "KexAlgorithms", "LogLevel", "MACs", "Port", "PreferredAuthentications", "ProxyJump",
        "PubkeyAcceptedAlgorithms", "PubkeyAcceptedKeyTypes", "ServerAliveCountMax", "ServerAliveInterval",
        "TCPKeepAlive", "User", "UserKnownHostsFile", "CertificateFile", "CheckHostIP", "UpdateHostKeys",
        "VerifyHostKeyDNS", "RekeyLimit",
    };

    /// <summary>The option as <c>Name=Value</c>, or a <see cref="TwOperationException"/> saying why it is refused.</summary>
    public static string Validate(string option)
    {
        var separator = option.IndexOfAny(['=', ' ']);
        var name = separator < 0 ? option : option[..separator];
        var value = separator < 0 ? string.Empty : option[(separator + 1)..].TrimStart('=', ' ');
        if (option.Any(char.IsControl))
        {
            throw Refused(option, "it contains a control character");
        }

        if (name.Length == 0 || value.Length == 0)
        {
            throw Refused(option, "write it as Name=Value");
        }

        if (!Allowed.Contains(name))
        {
            throw Refused(option, $"'{name}' is not one TwTools passes to ssh (it may run commands, or weaken host-key checks TwTools enforces); put it in your ssh config (-F) if you need it");
        }

        if (name.Equals("ProxyJump", StringComparison.OrdinalIgnoreCase))
        {
            // ProxyJump hosts go through ssh again, so they get the same check as -HostName.
            foreach (var hop in value.Split(','))
            {
                HostAddress.Parse(hop);
            }
        }

        return $"{name}={value}";
    }

    private static TwOperationException Refused(string option, string reason)
    {
        var shown = PrintableText.Of(option);
        return new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidSshOption, TwErrorCategory.InvalidArgument, $"ssh option '{shown}' refused: {reason}.") with { Target = shown });
    }
}
