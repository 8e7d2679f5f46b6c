using System.Text;

namespace TwTools.Cli.Output;

/// <summary>Prose for a terminal of a given width: word-wrapped, breaking inside a word only when it alone is wider.</summary>
internal static class TextWrap
{
    public static List<string> Lines(string text, int width)
    {
        width = Math.Max(1, width);
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in text.Split(' '))
        {
            var rest = word;
            while (rest.Length > width)
            {
                if (line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }

                lines.Add(rest[..width]);
                rest = rest[width..];
            }

            if (line.Length > 0 && line.Length + 1 + rest.Length > width)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : string.Empty).Append(rest);
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>One paragraph, each line ending in a newline: whole when <paramref name="width"/> is null, else wrapped under <paramref name="indent"/>.</summary>
    public static string Paragraph(string text, int? width, string first = "", string indent = "")
    {
        if (width is not { } limit)
        {
            return first + text + "\n";
        }

        var lines = Lines(text, limit - first.Length);
        return string.Concat(lines.Select((l, i) => (i == 0 ? first : indent) + l + "\n"));
    }
}
