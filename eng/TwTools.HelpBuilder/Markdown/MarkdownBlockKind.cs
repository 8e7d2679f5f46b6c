namespace TwTools.HelpBuilder.Markdown;

/// <summary>The few block kinds help sources use.</summary>
public enum MarkdownBlockKind
{
    Heading,
    Paragraph,
    ListItem,
    Code,
    Table,
}
