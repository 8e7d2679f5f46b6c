using System.Text.RegularExpressions;
using System.Text;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;

namespace TwTools.Engine.Remote;

/// <summary>Shared pieces of answer parsing: base64 fields and the error for an answer TwTools cannot read.</summary>
internal static partial class RemoteAnswers
{
    private const string ProcSys = "/proc/sys/";

    /// <summary>A field written as <c>=base64</c> by the program.</summary>
    public static string Decode(string hostName, string field) => Encoding.UTF8.GetString(DecodeBytes(hostName, field));

    /// <summary>The bytes of a field written as <c>=base64</c>.</summary>
    public static byte[] DecodeBytes(string hostName, string field)
    {
        if (!field.StartsWith('='))
        {
            throw Malformed(hostName, "a field is not base64", field);
        }

        try
        {
            return Convert.FromBase64String(field[1..]);
        }
        catch (FormatException)
        {
            throw Malformed(hostName, "a field is not base64", field);
        }
    }

    /// <summary>A path: plain when it is an absolute path of characters that cannot break a line, else <c>=base64</c>.</summary>
    public static string DecodePath(string hostName, string field) =>
        PlainPath().IsMatch(field) ? field
        : Decode(hostName, field) is ['/', ..] path ? path
        : throw Malformed(hostName, "a path is not absolute", field);

    /// <summary>A word such as a link's target: plain when made of characters that cannot break a line, else <c>=base64</c>.</summary>
    public static string DecodeWord(string hostName, string field) =>
        PlainWord().IsMatch(field) ? field : Decode(hostName, field);

    /// <summary>
    /// A value line as the programs' <c>grep '' /dev/null paths</c> prints it ("/proc/sys/net/ipv4/tcp_tw_reuse:1"),
    /// or null when the line is something else. The key must be one the caller asked for.
    /// </summary>
    public static (string Key, string Value)? ProcSysValue(string hostName, string line, Func<string, bool> asked)
    {
        if (!line.StartsWith(ProcSys, StringComparison.Ordinal))
        {
            return null;
        }

        var colon = line.IndexOf(':');
        var key = colon < 0 ? null : line[ProcSys.Length..colon].Replace('/', '.');
        return key is not null && asked(key)
            ? (key, line[(colon + 1)..])
            : throw Malformed(hostName, "a value line names a key TwTools did not ask for", line);
    }

    /// <summary>The host lacks programs the generated sh needs: named, instead of values read as absent or a lock silently not taken.</summary>
    public static TwOperationException ToolsMissing(string hostName, string tools, string purpose)
    {
        var names = string.Join(", ", tools.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => PrintableText.Of(t, 40)));
        return new TwOperationException(TwDiagnostic.Error(
            TwErrorIds.Remote.ToolMissing,
            TwErrorCategory.ResourceUnavailable,
            $"{hostName}: the host has no {names} on its PATH, which TwTools needs to {purpose}; nothing was changed. Install it (coreutils, grep and util-linux's flock; busybox has them all but flock) and run again.") with { Target = hostName });
    }

    public static TwOperationException Malformed(string hostName, string what, string? line)
    {
        var shown = line is null ? string.Empty : $": '{PrintableText.Of(line, 120)}'";
        return new TwOperationException(TwDiagnostic.Error(
            TwErrorIds.Remote.ProtocolError,
            TwErrorCategory.InvalidData,
            $"{hostName}: {what}{shown}. The host needs a POSIX sh with coreutils (base64, head, stat, readlink, tee, cat) and grep.") with { Target = hostName });
    }

    [GeneratedRegex(@"^/[A-Za-z0-9._/-]+\z")]
    private static partial Regex PlainPath();

    [GeneratedRegex(@"^[A-Za-z0-9._/-]+\z")]
    private static partial Regex PlainWord();

    /// <summary>The host's nsenter could not enter the namespace named: its own words, escaped.</summary>
    public static TwOperationException NotANamespaceFile(string hostName) => new(TwDiagnostic.BadInput(TwErrorIds.Input.NoSuchNamespace, TwErrorCategory.ObjectNotFound,
        $"{hostName}: the file named is not a network namespace there (a name whose namespace was deleted leaves an ordinary file behind)") with { Target = hostName });

    public static TwOperationException CannotEnterNamespace(string hostName, string said) => new(TwDiagnostic.Error(TwErrorIds.Namespace.NotPermitted, TwErrorCategory.PermissionDenied,
        $"{hostName}: the host could not enter the network namespace (nsenter said: {PrintableText.Of(said.Trim(), 300)}); entering needs root there (--sudo / -UseSudo) and a namespace file that is one") with { Target = hostName });
}
