using TwTools.HelpBuilder;
using TwTools.HelpBuilder.Output;

namespace TwTools.Module.Tests.HelpBuilder;

public sealed class AboutTopicWriterTests
{
    private const string Source = """
        # about_Things

        ## Short description
        Things, briefly.

        ## Long description
        A long paragraph that goes on and on about things, well past the eighty columns an about topic is allowed to use in a console window, so it must wrap.

        ### Details
        - a list item that is also long enough to need wrapping when it is indented by six columns at least
        - short

        ```powershell
        Get-Thing -Name x
        ```

        ## See also
        - about_Other
        """;

    [Fact]
    public void The_short_description_is_line_5_because_Get_Help_lists_topics_with_that_line()
    {
        var lines = AboutTopicWriter.Write(Source, "about_Things").Split('\n');
        Assert.Equal(["TOPIC", "    about_Things", "", "SHORT DESCRIPTION", "    Things, briefly.", "", "LONG DESCRIPTION"], lines[..7]);
    }

    [Fact]
    public void Prose_wraps_at_80_columns_without_losing_a_word_and_code_keeps_its_lines()
    {
        var text = AboutTopicWriter.Write(Source, "about_Things");
        var lines = text.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= AboutTopicWriter.Width, l));
        var paragraph = lines.SkipWhile(l => !l.StartsWith("    A long", StringComparison.Ordinal)).TakeWhile(l => l.Length > 0).ToList();
        Assert.True(paragraph.Count > 1);
        Assert.Equal(
            "A long paragraph that goes on and on about things, well past the eighty columns an about topic is allowed to use in a console window, so it must wrap.",
            string.Join(' ', paragraph.Select(l => l.Trim())));
        Assert.Contains("    - a list item that is also long enough to need wrapping when it is indented\n      by six", text);
        Assert.Contains("    Details\n    -------\n", text);
        Assert.Contains("\n        Get-Thing -Name x\n", text);
        Assert.Contains("\nSEE ALSO\n    - about_Other\n", text);
    }

    [Theory]
    [InlineData("# about_Things", "# about_Other", 1, "must start with '# about_Things'")]
    [InlineData("## Long description", "## Details", 6, "expected '## Long description'")]
    [InlineData("Things, briefly.", "Things, briefly.\n\nTwice.", 3, "one paragraph, then '## Long description'")]
    [InlineData("Things, briefly.", "Things, at such length that the one line Get-Help shows for a topic cannot hold them.", 4, "must fit one line (76)")]
    [InlineData("Get-Thing -Name x", "Get-Thing -Name xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 14, "must fit 80 columns (at most 72)")]
    [InlineData("### Details", "#### Details", 9, "only '## ' and '### ' headings")]
    public void Each_mistake_is_named_at_its_line(string replace, string with, int line, string message)
    {
        var e = Assert.Throws<HelpSourceException>(() => AboutTopicWriter.Write(Source.Replace(replace, with, StringComparison.Ordinal), "about_Things"));
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Line);
    }
}
