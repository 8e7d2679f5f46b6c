using System.Globalization;
using System.Text;

namespace TwTools.Engine.Text;

/// <summary>
/// Text on its way to a terminal, with every control character shown as an escape instead of obeyed:
/// a file name or value holding ESC, CSI or OSC sequences, BEL, CR or a C1 code could otherwise retitle
/// or clear the admin's terminal, and a newline could forge a line of its own ("twtools: error: ...").
/// Tab is kept. Data meant for programs (JSON) is escaped by its own format instead.
/// </summary>
public static class TerminalText
{
    public static string Escape(string text)
    {
        if (!text.Any(NeedsEscape))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                _ when !NeedsEscape(c) => c.ToString(),
                '\n' => "\\n",
                '\r' => "\\r",
                '\u001b' => "\\e",
                '\a' => "\\a",
                _ => c <= 0xFF ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return escaped.ToString();
    }

    /// <summary>The same for text made of lines: its own line breaks stay, everything else is escaped.</summary>
    public static string EscapeKeepingLines(string text) => string.Join('\n', text.Split('\n').Select(Escape));

    // C0 controls (but tab), DEL, C1 controls, and the line and paragraph separators some terminals honour.
    private static bool NeedsEscape(char c) => (char.IsControl(c) && c != '\t') || c is '\u2028' or '\u2029';
}
