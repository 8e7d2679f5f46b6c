using TwTools.Engine.Text;

namespace TwTools.Engine.Tests.Reporting;

public class TerminalTextTests
{
    [Theory]
    [InlineData("plain text\twith a tab", "plain text\twith a tab")]
    [InlineData("\u001b]0;title\u0007\u001b[2J", "\\e]0;title\\a\\e[2J")]
    [InlineData("x\ntwtools: error: forged", "x\\ntwtools: error: forged")]
    [InlineData("cr\rover", "cr\\rover")]
    [InlineData("c1 \u009b31m", "c1 \\x9B31m")]
    [InlineData("del\u007f and sep\u2028", "del\\x7F and sep\\u2028")]
    public void Control_characters_are_shown_as_escapes(string text, string shown) =>
        Assert.Equal(shown, TerminalText.Escape(text));

    [Fact]
    public void Lines_stay_lines_when_the_text_is_made_of_lines() =>
        Assert.Equal("a\\e[2J\nb", TerminalText.EscapeKeepingLines("a\u001b[2J\nb"));
}
