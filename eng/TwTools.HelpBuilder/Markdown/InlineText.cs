using System.Text.RegularExpressions;

namespace TwTools.HelpBuilder.Markdown;

/// <summary>
/// Markdown inline markup as a console shows it: links become their text (with the address when it is
/// absolute), emphasis markers go; backticks stay, as in PowerShell's own help, to mark code.
/// </summary>
public static partial class InlineText
{
    public static string Plain(string text)
    {
        // Code spans are copied as they are: `*tw*` is a wildcard to type, not emphasis.
        var plain = new System.Text.StringBuilder();
        var start = 0;
        foreach (Match code in CodeSpan().Matches(text))
        {
            plain.Append(PlainProse(text[start..code.Index])).Append(code.Value);
            start = code.Index + code.Length;
        }

        return plain.Append(PlainProse(text[start..])).ToString();
    }

    private static string PlainProse(string text)
    {
        var linked = Link().Replace(text, m =>
            Uri.TryCreate(m.Groups["uri"].Value, UriKind.Absolute, out _) ? $"{m.Groups["text"].Value} ({m.Groups["uri"].Value})" : m.Groups["text"].Value);
        return Emphasis().Replace(linked, m => m.Groups["inner"].Value);
    }

    /// <summary>The lines a block shows as: list items keep a bullet, code and tables keep their lines.</summary>
    public static string Of(MarkdownBlock block) => block.Kind switch
    {
        MarkdownBlockKind.ListItem => "- " + Plain(block.Text),
        MarkdownBlockKind.Code => block.Text,
        MarkdownBlockKind.Table => block.Text,
        _ => Plain(block.Text),
    };

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?<uri>[^)\s]+)\)")]
    private static partial Regex Link();

    // ** and __ pairs, and single * or _ pairs that wrap a word (not snake_case or a glob).
    [GeneratedRegex(@"(\*\*|__)(?<inner>\S(?:.*?\S)?)\1|(?<![\w*])\*(?<inner>[^*\s](?:[^*]*[^*\s])?)\*(?![\w*])")]
    private static partial Regex Emphasis();
}
