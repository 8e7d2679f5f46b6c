using System.Text.RegularExpressions;

namespace TwTools.HelpBuilder.Markdown;

/// <summary>
/// Splits the subset of CommonMark help sources use into blocks: ATX headings, paragraphs, "-"/"*"/"1."
/// list items, fenced code and pipe tables. Anything richer is not needed to write help, and a reader
/// this small is easy to trust.
/// </summary>
public static partial class MarkdownReader
{
    public static IReadOnlyList<MarkdownBlock> Read(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<MarkdownBlock>();
        var open = new List<string>();
        var openKind = MarkdownBlockKind.Paragraph;
        var openLine = 0;

        void Flush()
        {
            if (open.Count > 0)
            {
                var joined = openKind == MarkdownBlockKind.Table ? string.Join('\n', open) : string.Join(' ', open.Select(l => l.Trim()));
                blocks.Add(new MarkdownBlock(openKind, joined, openLine));
                open.Clear();
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (Fence().Match(line) is { Success: true } fence)
            {
                Flush();
                var body = new List<string>();
                var closed = false;
                for (i++; i < lines.Length; i++)
                {
                    if (lines[i].TrimStart().StartsWith(fence.Groups["ticks"].Value, StringComparison.Ordinal))
                    {
                        closed = true;
                        break;
                    }

                    body.Add(lines[i]);
                }

                if (!closed)
                {
                    throw new HelpSourceException(number, "a code block opened here is never closed");
                }

                blocks.Add(new MarkdownBlock(MarkdownBlockKind.Code, string.Join('\n', body), number, Language: fence.Groups["lang"].Value));
            }
            else if (Heading().Match(line) is { Success: true } heading)
            {
                Flush();
                blocks.Add(new MarkdownBlock(MarkdownBlockKind.Heading, heading.Groups["text"].Value.Trim(), number, heading.Groups["hashes"].Length));
            }
            else if (string.IsNullOrWhiteSpace(line))
            {
                Flush();
            }
            // As CommonMark: inside a paragraph only "1." starts an ordered list, so a wrapped line that begins "30." stays text.
            else if (ListItem().Match(line) is { Success: true } item
                && !(open.Count > 0 && openKind == MarkdownBlockKind.Paragraph && item.Groups["number"].Success && item.Groups["number"].Value != "1"))
            {
                Flush();
                (openKind, openLine) = (MarkdownBlockKind.ListItem, number);
                open.Add(item.Groups["text"].Value);
            }
            else if (line.TrimStart().StartsWith('|'))
            {
                if (openKind != MarkdownBlockKind.Table)
                {
                    Flush();
                }

                if (open.Count == 0)
                {
                    (openKind, openLine) = (MarkdownBlockKind.Table, number);
                }

                open.Add(line.Trim());
            }
            else
            {
                if (open.Count == 0 || openKind == MarkdownBlockKind.Table)
                {
                    Flush();
                    (openKind, openLine) = (MarkdownBlockKind.Paragraph, number);
                }

                open.Add(line);
            }
        }

        Flush();
        return blocks;
    }

    [GeneratedRegex(@"^\s{0,3}(?<ticks>```+)\s*(?<lang>[\w+-]*)\s*$")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}(?:[-*]|(?<number>\d+)\.)\s+(?<text>.*)$")]
    private static partial Regex ListItem();
}
