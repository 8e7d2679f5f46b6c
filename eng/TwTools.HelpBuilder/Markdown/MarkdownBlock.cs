namespace TwTools.HelpBuilder.Markdown;

/// <summary>
/// One block of a help source with the line it starts on, so every complaint can name file and line.
/// Paragraphs and list items hold their text joined into one line; code and tables keep their lines.
/// </summary>
public sealed record MarkdownBlock(MarkdownBlockKind Kind, string Text, int Line, int Level = 0, string Language = "");
