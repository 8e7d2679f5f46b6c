using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;

namespace TwTools.Engine.Remote;

/// <summary>
/// Why a program never ran on a host, from what ssh (exit 255) or sudo printed: each cause gets its
/// own error id, because each has a different fix.
/// </summary>
internal static class CarrierFailure
{
    public static TwDiagnostic Classify(string hostName, TransportResult result)
    {
        var stderr = result.StandardError;
        var reason = LastLine(stderr);
        if (stderr.Contains("sudo:", StringComparison.Ordinal) && (stderr.Contains("password", StringComparison.Ordinal) || stderr.Contains("terminal is required", StringComparison.Ordinal)))
        {
            return Error(TwErrorIds.Remote.SudoPasswordRequired, TwErrorCategory.PermissionDenied,
                $"{hostName}: sudo wants a password, and TwTools never types one; allow the user to run sh with NOPASSWD, or connect as root");
        }

        // Text where the program's header should be came from the login itself (a start-up file, ~/.ssh/rc, nologin):
        // quote it, rather than blame the host's sh.
        if (result.ExitCode != 255 && result.StandardOutput.Length > 0)
        {
            var at = result.StandardOutput.IndexOf("TWTOOLS-", StringComparison.Ordinal);
            var stray = at > 0 ? result.StandardOutput[..at] : result.StandardOutput;
            var quoted = PrintableText.Of(string.Join(" / ", stray.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(3)), 200);
            return Error(TwErrorIds.Remote.ProtocolError, TwErrorCategory.InvalidData,
                $"{hostName}: the login printed '{quoted}' {(at > 0 ? "before" : "instead of")} TwTools' program (exit {result.ExitCode}): a start-up file of the account's shell (~/.bashrc, ~/.profile, ~/.cshrc), ~/.ssh/rc or the shell itself (nologin) writes to sessions that run a command; make it print only in interactive shells");
        }

        if (result.ExitCode != 255)
        {
            return Error(TwErrorIds.Remote.ProtocolError, TwErrorCategory.InvalidData,
                $"{hostName}: the program did not run (exit {result.ExitCode}): {reason}. The host needs a POSIX sh with coreutils");
        }

        if (stderr.Contains("REMOTE HOST IDENTIFICATION HAS CHANGED", StringComparison.Ordinal))
        {
            return Error(TwErrorIds.Remote.HostKeyChanged, TwErrorCategory.SecurityError,
                $"{hostName}: the host key differs from the one in known_hosts; refused. If the host was rebuilt, remove the old key (ssh-keygen -R) after checking the new fingerprint");
        }

        if (stderr.Contains("Host key verification failed", StringComparison.Ordinal) || stderr.Contains("host key is known", StringComparison.Ordinal))
        {
            return Error(TwErrorIds.Remote.HostKeyUnknown, TwErrorCategory.SecurityError,
                $"{hostName}: the host key is not in known_hosts; refused. Add it after checking its fingerprint, or accept a first-seen key with -AcceptNewHostKey / --accept-new-host-key");
        }

        if (stderr.Contains("Permission denied (", StringComparison.Ordinal) || stderr.Contains("Too many authentication failures", StringComparison.Ordinal))
        {
            return Error(TwErrorIds.Remote.AuthenticationFailed, TwErrorCategory.AuthenticationError,
                $"{hostName}: authentication failed ({reason}); TwTools uses keys and the ssh agent only, never passwords");
        }

        return Error(TwErrorIds.Remote.Unreachable, TwErrorCategory.ConnectionError, $"{hostName}: cannot connect: {reason}");
    }

    private static TwDiagnostic Error(string id, TwErrorCategory category, string message) =>
        TwDiagnostic.Error(id, category, message);

    private static string LastLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no message";
        return PrintableText.Of(line, 200);
    }
}
