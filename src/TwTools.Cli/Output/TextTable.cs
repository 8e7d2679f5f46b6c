using System.Text;
using TwTools.Engine.Text;

namespace TwTools.Cli.Output;

/// <summary>
/// A plain aligned table for people reading a terminal; scripts use --json. Given a width, the last column (the long
/// text: a meaning, a reason, advice) wraps inside its own column so no row runs past the terminal's edge; other
/// cells that are still too wide are shortened with an ellipsis.
/// </summary>
internal sealed class TextTable
{
    private const int Gap = 2;
    private const int NarrowestText = 16;
    private readonly string[] _headers;
    private readonly List<string[]> _rows = new();

    public TextTable(params string[] headers) => _headers = headers;

    // Cells hold what hosts and files said: escaped, so a value can neither drive the terminal nor break a row.
    public void Add(params string?[] cells) => _rows.Add(cells.Select(c => c is null ? "-" : TerminalText.Escape(c)).ToArray());

    public override string ToString() => Render(null);

    /// <param name="width">The terminal's columns, or null for whole lines (a pipe, --wide).</param>
    public string Render(int? width)
    {
        var widths = _headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        if (width is { } limit)
        {
            Fit(widths, limit);
        }

        var text = new StringBuilder();
        AppendRow(text, _headers, widths);
        AppendRow(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in _rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    // The fixed columns keep their width while the last column keeps at least a readable width; past that, the widest
    // fixed column gives way, one character at a time.
    private static void Fit(int[] widths, int limit)
    {
        var last = widths.Length - 1;
        int FixedWidth() => widths.Take(last).Sum() + (Gap * last);
        widths[last] = Math.Min(widths[last], Math.Max(NarrowestText, limit - FixedWidth()));
        while (FixedWidth() + widths[last] > limit && widths.Take(last).Max() > 4)
        {
            var widest = Array.IndexOf(widths, widths.Take(last).Max());
            widths[widest]--;
        }
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var last = cells.Length - 1;
        var wrapped = TextWrap.Lines(cells[last], widths[last]);
        for (var line = 0; line < wrapped.Count; line++)
        {
            for (var i = 0; i < last; i++)
            {
                text.Append((line == 0 ? Shorten(cells[i], widths[i]) : string.Empty).PadRight(widths[i] + Gap));
            }

            text.Append(wrapped[line].TrimEnd()).Append('\n');
        }
    }

    private static string Shorten(string cell, int width) => cell.Length <= width ? cell : cell[..Math.Max(0, width - 1)] + "\u2026";
}
