using System.Text;
using TwTools.HelpBuilder.Markdown;

namespace TwTools.HelpBuilder.Output;

/// <summary>
/// Turns docs/help/about_*.md into the about_*.help.txt Get-Help shows: TOPIC, SHORT DESCRIPTION and
/// LONG DESCRIPTION first (PowerShell lists a topic with line 5 of its file, which is then the short
/// description), section names in
/// capitals, prose wrapped for an 80-column console. Code and tables keep their lines, so a line that
/// would not fit is an error in the source rather than a wrapped command in the help.
/// </summary>
public static class AboutTopicWriter
{
    public const int Width = 80;
    private const string Indent = "    ";

    public static string Write(string markdown, string expectedName)
    {
        var blocks = MarkdownReader.Read(markdown);
        if (blocks.Count == 0 || blocks[0] is not { Kind: MarkdownBlockKind.Heading, Level: 1 } title || title.Text != expectedName)
        {
            throw new HelpSourceException(blocks.Count == 0 ? 1 : blocks[0].Line, $"the file must start with '# {expectedName}'");
        }

        Expect(blocks, 1, "Short description", title.Line);
        if (blocks.Count < 3 || blocks[2].Kind != MarkdownBlockKind.Paragraph || (blocks.Count > 3 && blocks[3].Kind != MarkdownBlockKind.Heading))
        {
            throw new HelpSourceException(blocks[1].Line, "Short description: one paragraph, then '## Long description'");
        }

        if (Indent.Length + blocks[2].Text.Length > Width)
        {
            throw new HelpSourceException(blocks[2].Line, $"Short description: {blocks[2].Text.Length} characters; Get-Help lists a topic with line 5 of its file only, so it must fit one line ({Width - Indent.Length})");
        }

        Expect(blocks, 3, "Long description", blocks[2].Line);
        var text = new StringBuilder().Append("TOPIC\n").Append(Indent).Append(expectedName).Append('\n');
        for (var i = 1; i < blocks.Count; i++)
        {
            // A section's text starts on the line after its name: line 5 is then the short description.
            text.Append(blocks[i - 1] is { Kind: MarkdownBlockKind.Heading, Level: 2 } ? "" : "\n");
            Append(text, blocks[i]);
        }

        return text.ToString();
    }

    private static void Expect(IReadOnlyList<MarkdownBlock> blocks, int index, string name, int after)
    {
        if (blocks.Count <= index || blocks[index] is not { Kind: MarkdownBlockKind.Heading, Level: 2 } h || !string.Equals(h.Text, name, StringComparison.OrdinalIgnoreCase))
        {
            throw new HelpSourceException(blocks.Count > index ? blocks[index].Line : after, $"expected '## {name}' here (an about topic starts with a short and a long description)");
        }
    }

    private static void Append(StringBuilder text, MarkdownBlock block)
    {
        switch (block.Kind)
        {
            case MarkdownBlockKind.Heading when block.Level == 2:
                text.Append(block.Text.ToUpperInvariant()).Append('\n');
                break;
            case MarkdownBlockKind.Heading when block.Level == 3:
                text.Append(Indent).Append(block.Text).Append('\n').Append(Indent).Append(new string('-', block.Text.Length)).Append('\n');
                break;
            case MarkdownBlockKind.Heading:
                throw new HelpSourceException(block.Line, "only '## ' and '### ' headings below the title");
            case MarkdownBlockKind.Paragraph:
                Wrap(text, InlineText.Plain(block.Text), Indent, Indent);
                break;
            case MarkdownBlockKind.ListItem:
                Wrap(text, InlineText.Plain(block.Text), Indent + "- ", Indent + "  ");
                break;
            default:
                var indent = block.Kind == MarkdownBlockKind.Code ? Indent + Indent : Indent;
                foreach (var (line, i) in block.Text.Split('\n').Select((l, i) => (l, i)))
                {
                    if (indent.Length + line.Length > Width)
                    {
                        throw new HelpSourceException(block.Line + i + (block.Kind == MarkdownBlockKind.Code ? 1 : 0),
                            $"this line is {line.Length} characters; in an about topic it is indented by {indent.Length} and must fit {Width} columns (at most {Width - indent.Length})");
                    }

                    text.Append(line.Length == 0 ? "" : indent + line).Append('\n');
                }

                break;
        }
    }

    private static void Wrap(StringBuilder text, string paragraph, string first, string rest)
    {
        var line = new StringBuilder(first);
        var empty = true;
        foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!empty && line.Length + 1 + word.Length > Width)
            {
                text.Append(line).Append('\n');
                line.Clear().Append(rest);
                empty = true;
            }

            line.Append(empty ? "" : " ").Append(word);
            empty = false;
        }

        text.Append(line).Append('\n');
    }
}
