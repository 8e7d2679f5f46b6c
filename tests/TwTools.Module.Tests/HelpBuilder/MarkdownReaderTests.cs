using TwTools.HelpBuilder;
using TwTools.HelpBuilder.Markdown;

namespace TwTools.Module.Tests.HelpBuilder;

public sealed class MarkdownReaderTests
{
    [Fact]
    public void Blocks_keep_the_line_they_start_on_and_paragraph_lines_join()
    {
        var blocks = MarkdownReader.Read("# Title\n\nfirst line\nsecond line\n\n- item one\n  continues\n- item two\n\n```powershell\nGet-X -A 1\n\n  indented\n```\n| a | b |\n|---|---|\n");
        Assert.Equal(
            [
                (MarkdownBlockKind.Heading, "Title", 1),
                (MarkdownBlockKind.Paragraph, "first line second line", 3),
                (MarkdownBlockKind.ListItem, "item one continues", 6),
                (MarkdownBlockKind.ListItem, "item two", 8),
                (MarkdownBlockKind.Code, "Get-X -A 1\n\n  indented", 10),
                (MarkdownBlockKind.Table, "| a | b |\n|---|---|", 15),
            ],
            blocks.Select(b => (b.Kind, b.Text, b.Line)));
        Assert.Equal("powershell", blocks[4].Language);
        Assert.Equal(1, blocks[0].Level);
    }

    [Fact]
    public void A_wrapped_line_that_starts_with_a_number_and_a_dot_continues_its_paragraph()
    {
        var blocks = MarkdownReader.Read("the default is\n30. When the wait runs out\n\n1. a list\n2. goes on\n");

        Assert.Equal(
            [(MarkdownBlockKind.Paragraph, "the default is 30. When the wait runs out"), (MarkdownBlockKind.ListItem, "a list"), (MarkdownBlockKind.ListItem, "goes on")],
            blocks.Select(b => (b.Kind, b.Text)));
    }

    [Fact]
    public void An_unclosed_code_block_is_an_error_at_its_opening_line()
    {
        var e = Assert.Throws<HelpSourceException>(() => MarkdownReader.Read("# T\n\ntext\n\n```\ncode\n"));
        Assert.Equal(5, e.Line);
        Assert.Contains("never closed", e.Message);
    }

    [Theory]
    [InlineData("see [about_TwTools](about_TwTools.md) now", "see about_TwTools now")]
    [InlineData("see [the docs](https://docs.kernel.org/x)", "see the docs (https://docs.kernel.org/x)")]
    [InlineData("**bold** and *em* but not net.ipv4.tcp_tw_reuse or *tw*x", "bold and em but not net.ipv4.tcp_tw_reuse or *tw*x")]
    [InlineData("`code` stays", "`code` stays")]
    [InlineData("wildcards are allowed (`*tw*`), *really*", "wildcards are allowed (`*tw*`), really")]
    [InlineData("`**a**` and **b** and `[x](y)`", "`**a**` and b and `[x](y)`")]
    public void Inline_markup_reads_as_a_console_shows_it(string markdown, string plain) =>
        Assert.Equal(plain, InlineText.Plain(markdown));
}
