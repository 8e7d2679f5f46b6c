namespace TwTools.Engine.Text;

/// <summary>
/// Text from users and remote hosts made safe to print in an error: control characters (newlines,
/// escape sequences a hostile host could send to the terminal) become '?', and long text is cut.
/// </summary>
public static class PrintableText
{
    public static string Of(string text, int maxLength = int.MaxValue)
    {
        var printable = new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return printable.Length > maxLength ? printable[..maxLength] + "…" : printable;
    }
}
