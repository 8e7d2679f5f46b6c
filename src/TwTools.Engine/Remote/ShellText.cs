using System.Text;
using System.Text.RegularExpressions;

namespace TwTools.Engine.Remote;

/// <summary>
/// The only ways a value enters a generated program: as a single-quoted word made of characters that
/// mean nothing to sh, as single-quoted printable text (sh takes what is between the quotes byte for
/// byte; a quote inside is closed, escaped and reopened), or as base64 decoded on the host. Anything else
/// is a bug, and throws.
/// </summary>
internal static partial class ShellText
{
    public static string Word(string value) =>
        SafeWord().IsMatch(value) ? "'" + value + "'" : throw new InvalidOperationException($"unsafe text for a shell word: {value}");

    /// <summary>A quoted base64 literal; the program turns it back into bytes with <c>base64 -d</c>.</summary>
    public static string Encoded(string value) => "'" + Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) + "'";

    /// <summary>
    /// A value as a sh expression: a single-quoted word when every line of it is safe, else base64
    /// decoded on the host by the program's <c>d</c> function (which the program must define).
    /// </summary>
    public static string Quoted(string value) =>
        value.Split('\n').All(SafeWord().IsMatch) ? "'" + value + "'" : "\"$(d " + Encoded(value) + ")\"";

    /// <summary>
    /// Text such as a file's content as one single-quoted literal, lines and all, so the host needs no
    /// process to decode it. Null for anything but printable ASCII, newline and tab: a program's bytes
    /// then never depend on the encoding a carrier writes its standard input in.
    /// </summary>
    public static string? Literal(string value) =>
        value.All(c => c is '\n' or '\t' or (>= ' ' and <= '~'))
            ? "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : null;

    public static bool IsSafeWord(string value) => SafeWord().IsMatch(value);

    // Paths, keys and kernel values: letters, digits, a handful of punctuation, tab (port ranges) and space.
    [GeneratedRegex(@"^[A-Za-z0-9_./:,=+\- \t]*\z")]
    private static partial Regex SafeWord();
}
