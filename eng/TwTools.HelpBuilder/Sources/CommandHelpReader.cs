using System.Text.RegularExpressions;
using TwTools.HelpBuilder.Markdown;

namespace TwTools.HelpBuilder.Sources;

/// <summary>
/// Reads docs/help/Verb-Noun.md, laid out as platyPS lays out a cmdlet page (SYNOPSIS, DESCRIPTION,
/// EXAMPLES, PARAMETERS, INPUTS, OUTPUTS, NOTES, RELATED LINKS). Only prose lives there: syntax,
/// types, positions and pipeline binding come from the compiled cmdlet, so they cannot drift.
/// </summary>
public static partial class CommandHelpReader
{
    public const int MinimumExamples = 2;

    private static readonly string[] Known = ["SYNOPSIS", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    public static CommandHelp Read(string text, string expectedName)
    {
        var sections = HelpSections.Cut(text, Known);
        if (!string.Equals(sections.Title, expectedName, StringComparison.Ordinal))
        {
            throw new HelpSourceException(sections.TitleLine, $"the heading names '{sections.Title}', but the file is named for '{expectedName}'");
        }

        if (sections.Preamble.Count > 0)
        {
            throw new HelpSourceException(sections.Preamble[0].Line, "text before the first '## ' section (the synopsis goes under '## SYNOPSIS')");
        }

        var synopsis = sections.Require("SYNOPSIS");
        if (synopsis.Blocks.Count != 1 || synopsis.Blocks[0].Kind != MarkdownBlockKind.Paragraph)
        {
            throw new HelpSourceException(synopsis.Line, "SYNOPSIS: one paragraph (the line Get-Help lists the command with)");
        }

        var parameters = sections.Require("PARAMETERS");
        var outputs = sections.Require("OUTPUTS");
        return new CommandHelp(
            expectedName,
            InlineText.Plain(synopsis.Blocks[0].Text),
            sections.Require("DESCRIPTION").Prose(),
            Examples(sections.Require("EXAMPLES")),
            Items(parameters, Parameter),
            sections.Find("INPUTS") is { } inputs ? Items(inputs, TypeName) : [],
            Items(outputs, TypeName),
            sections.Find("NOTES")?.Prose() ?? [],
            sections.Find("RELATED LINKS") is { } links ? Links(links) : [],
            parameters.Line,
            outputs.Line);
    }

    private static List<CommandExample> Examples(HelpSections.Section section)
    {
        var examples = new List<CommandExample>();
        foreach (var (heading, body) in section.Entries())
        {
            var code = body.Where(b => b.Kind == MarkdownBlockKind.Code).ToList();
            if (code.Count != 1)
            {
                throw new HelpSourceException(heading.Line, $"EXAMPLES: '{heading.Text}' has {code.Count} code blocks; an example has exactly one");
            }

            var remarks = body.Where(b => b.Line > code[0].Line).Select(InlineText.Of).ToList();
            if (remarks.Count == 0)
            {
                throw new HelpSourceException(heading.Line, $"EXAMPLES: '{heading.Text}' needs a paragraph after its code saying what it shows");
            }

            if (body.Any(b => b.Line < code[0].Line))
            {
                throw new HelpSourceException(heading.Line, $"EXAMPLES: '{heading.Text}': the code comes first, then what it shows");
            }

            examples.Add(new CommandExample(ExampleTitle(heading, examples.Count + 1), code[0].Text, remarks, code[0].Line + 1));
        }

        return examples.Count >= MinimumExamples
            ? examples
            : throw new HelpSourceException(section.Line, $"EXAMPLES: {examples.Count} example(s); every cmdlet has at least {MinimumExamples}");
    }

    // "Example 2: Title" reads as "Title": the help numbers examples itself, so a number that is not
    // the example's place would show as two different numbers.
    private static string ExampleTitle(MarkdownBlock heading, int number)
    {
        if (ExampleHeading().Match(heading.Text) is not { Success: true } m)
        {
            return heading.Text;
        }

        return m.Groups["number"].Value != number.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? throw new HelpSourceException(heading.Line, $"EXAMPLES: '{heading.Text}' is example {number}")
            : m.Groups["title"].Value.Length > 0 ? m.Groups["title"].Value : throw new HelpSourceException(heading.Line, $"EXAMPLES: '{heading.Text}' needs a title after the number");
    }

    private static List<DocumentedItem> Items(HelpSections.Section section, Func<MarkdownBlock, string> name)
    {
        var items = new List<DocumentedItem>();
        foreach (var (heading, body) in section.Entries())
        {
            if (body.Count == 0)
            {
                throw new HelpSourceException(heading.Line, $"{section.Name}: '### {heading.Text}' has no description");
            }

            items.Add(new DocumentedItem(name(heading), body.Select(InlineText.Of).ToList(), heading.Line));
        }

        return items;
    }

    private static string Parameter(MarkdownBlock heading) =>
        ParameterHeading().Match(heading.Text) is { Success: true } m
            ? m.Groups["name"].Value
            : throw new HelpSourceException(heading.Line, $"PARAMETERS: '### {heading.Text}' should be '### -ParameterName'");

    private static string TypeName(MarkdownBlock heading) =>
        TypeHeading().IsMatch(heading.Text)
            ? heading.Text
            : throw new HelpSourceException(heading.Line, $"'### {heading.Text}' should name a .NET type, such as System.String[]");

    private static List<RelatedLink> Links(HelpSections.Section section) =>
        section.Blocks.Select(b => b.Kind != MarkdownBlockKind.ListItem
                ? throw new HelpSourceException(b.Line, "RELATED LINKS: one '- ' list item per link")
                : LinkItem().Match(b.Text) is { Success: true } m
                    ? new RelatedLink(m.Groups["text"].Value, Uri.TryCreate(m.Groups["uri"].Value, UriKind.Absolute, out _) ? m.Groups["uri"].Value : "")
                    : new RelatedLink(b.Text.Trim(), ""))
            .ToList();

    [GeneratedRegex(@"^Example\s+(?<number>\d+)\s*:?\s*(?<title>.*)$")]
    private static partial Regex ExampleHeading();

    [GeneratedRegex(@"^-(?<name>[A-Za-z][A-Za-z0-9]*)$")]
    private static partial Regex ParameterHeading();

    [GeneratedRegex(@"^[A-Za-z_][\w.`+]*(\[\])?$")]
    private static partial Regex TypeHeading();

    [GeneratedRegex(@"^\[(?<text>[^\]]+)\]\((?<uri>[^)\s]+)\)$")]
    private static partial Regex LinkItem();
}
