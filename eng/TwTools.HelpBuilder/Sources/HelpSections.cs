using TwTools.HelpBuilder.Markdown;

namespace TwTools.HelpBuilder.Sources;

/// <summary>
/// A help source cut at its "##" headings, each section cut again at its "###" headings. Names are
/// matched without regard to case; a section or entry that appears twice is an error, as is any
/// section name the caller does not know (a misspelt heading would otherwise drop its text silently).
/// </summary>
public sealed class HelpSections
{
    private readonly Dictionary<string, Section> _sections;

    private HelpSections(string title, int titleLine, IReadOnlyList<MarkdownBlock> preamble, Dictionary<string, Section> sections)
    {
        (Title, TitleLine, Preamble, _sections) = (title, titleLine, preamble, sections);
    }

    /// <summary>Blocks between the title and the first section; only some files may have them.</summary>
    public IReadOnlyList<MarkdownBlock> Preamble { get; }

    public string Title { get; }

    public int TitleLine { get; }

    public static HelpSections Cut(string text, IReadOnlyCollection<string> known)
    {
        var blocks = MarkdownReader.Read(text);
        if (blocks.Count == 0 || blocks[0] is not { Kind: MarkdownBlockKind.Heading, Level: 1 })
        {
            throw new HelpSourceException(blocks.Count == 0 ? 1 : blocks[0].Line, "the file must start with a '# ' heading naming the topic");
        }

        var sections = new Dictionary<string, Section>(StringComparer.OrdinalIgnoreCase);
        var preamble = new List<MarkdownBlock>();
        Section? current = null;
        foreach (var block in blocks.Skip(1))
        {
            if (block is { Kind: MarkdownBlockKind.Heading, Level: 1 })
            {
                throw new HelpSourceException(block.Line, $"a second '# ' heading ('{block.Text}'); one file holds one topic");
            }

            if (block is { Kind: MarkdownBlockKind.Heading, Level: 2 })
            {
                var name = known.FirstOrDefault(k => string.Equals(k, block.Text, StringComparison.OrdinalIgnoreCase))
                    ?? throw new HelpSourceException(block.Line, $"unknown section '## {block.Text}'; sections are: {string.Join(", ", known)}");
                current = new Section(name, block.Line);
                if (!sections.TryAdd(name, current))
                {
                    throw new HelpSourceException(block.Line, $"section '## {name}' appears twice (first at line {sections[name].Line})");
                }
            }
            else if (current is null)
            {
                preamble.Add(block);
            }
            else
            {
                current.Blocks.Add(block);
            }
        }

        return new HelpSections(blocks[0].Text, blocks[0].Line, preamble, sections);
    }

    public Section? Find(string name) => _sections.GetValueOrDefault(name);

    public Section Require(string name) =>
        Find(name) ?? throw new HelpSourceException(TitleLine, $"the '## {name}' section is missing");

    /// <summary>One "##" section: its own blocks, and its "###" entries.</summary>
    public sealed class Section(string name, int line)
    {
        public string Name { get; } = name;

        public int Line { get; } = line;

        public List<MarkdownBlock> Blocks { get; } = [];

        /// <summary>The section's prose, which must not be empty and must not hold "###" entries.</summary>
        public IReadOnlyList<string> Prose()
        {
            if (Blocks.FirstOrDefault(b => b.Kind == MarkdownBlockKind.Heading) is { } heading)
            {
                throw new HelpSourceException(heading.Line, $"{Name}: sub-headings are not allowed here");
            }

            return Blocks.Count == 0
                ? throw new HelpSourceException(Line, $"{Name}: the section is empty")
                : Blocks.Select(InlineText.Of).ToList();
        }

        public IReadOnlyList<(MarkdownBlock Heading, IReadOnlyList<MarkdownBlock> Body)> Entries()
        {
            var entries = new List<(MarkdownBlock, IReadOnlyList<MarkdownBlock>)>();
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            List<MarkdownBlock>? body = null;
            foreach (var block in Blocks)
            {
                if (block is { Kind: MarkdownBlockKind.Heading, Level: 3 })
                {
                    if (!seen.TryAdd(block.Text, block.Line))
                    {
                        throw new HelpSourceException(block.Line, $"{Name}: '### {block.Text}' appears twice (first at line {seen[block.Text]})");
                    }

                    body = [];
                    entries.Add((block, body));
                }
                else if (block.Kind == MarkdownBlockKind.Heading)
                {
                    throw new HelpSourceException(block.Line, $"{Name}: only '### ' headings are allowed here");
                }
                else
                {
                    (body ?? throw new HelpSourceException(block.Line, $"{Name}: text before the first '### ' heading")).Add(block);
                }
            }

            return entries;
        }
    }
}
