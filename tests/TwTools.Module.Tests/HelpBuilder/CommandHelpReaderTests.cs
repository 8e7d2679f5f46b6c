using TwTools.HelpBuilder;
using TwTools.HelpBuilder.Sources;

namespace TwTools.Module.Tests.HelpBuilder;

public sealed class CommandHelpReaderTests
{
    [Fact]
    public void A_source_reads_into_its_sections_with_lines()
    {
        var help = CommandHelpReader.Read(HelpSource.Valid, "Get-Thing");
        Assert.Equal("Gets things.", help.Synopsis);
        Assert.Equal(["Gets every thing."], help.Description);
        Assert.Equal(["All things", "Some things"], help.Examples.Select(e => e.Title));
        Assert.Equal("Get-Thing -Name a* |\n    Get-Thing -Name b", help.Examples[1].Code);
        Assert.Equal(20, help.Examples[1].CodeLine);
        Assert.Equal(("Name", 28), (help.Parameters[0].Name, help.Parameters[0].Line));
        Assert.Equal(26, help.ParametersLine);
        Assert.Equal(["System.String"], help.Inputs.Select(i => i.Name));
        Assert.Equal(["Demo.Thing"], help.Outputs.Select(o => o.Name));
        Assert.Equal([new RelatedLink("about_Things", ""), new RelatedLink("Home", "https://example.org/things")], help.Links);
    }

    [Theory]
    [InlineData("# Get-Thing", "# Get-Other", 1, "file is named for 'Get-Thing'")]
    [InlineData("## DESCRIPTION", "## DESCRIPTON", 6, "unknown section '## DESCRIPTON'")]
    [InlineData("## RELATED LINKS", "## SYNOPSIS\nAgain.\n\n## RELATED LINKS", 41, "'## SYNOPSIS' appears twice (first at line 3)")]
    [InlineData("Gets things.", "Gets things.\n\nAnd more.", 3, "SYNOPSIS: one paragraph")]
    [InlineData("### -Name", "### Name", 28, "should be '### -ParameterName'")]
    [InlineData("### -Name\nWhich things.", "### -Name", 28, "'### -Name' has no description")]
    [InlineData("Lists them.", "", 11, "needs a paragraph after its code")]
    [InlineData("### Demo.Thing", "### a thing!", 38, "should name a .NET type")]
    [InlineData("## SYNOPSIS", "Intro.\n\n## SYNOPSIS", 3, "text before the first '## ' section")]
    [InlineData("### Example 2: Some things", "### Example 3: Some things", 18, "'Example 3: Some things' is example 2")]
    public void Each_mistake_is_named_at_its_line(string replace, string with, int line, string message)
    {
        var e = Assert.Throws<HelpSourceException>(() => CommandHelpReader.Read(HelpSource.Valid.Replace(replace, with, StringComparison.Ordinal), "Get-Thing"));
        Assert.Contains(message, e.Message);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void One_example_is_not_enough()
    {
        var source = HelpSource.Valid[..HelpSource.Valid.IndexOf("### Example 2", StringComparison.Ordinal)]
            + HelpSource.Valid[HelpSource.Valid.IndexOf("## PARAMETERS", StringComparison.Ordinal)..];
        var e = Assert.Throws<HelpSourceException>(() => CommandHelpReader.Read(source, "Get-Thing"));
        Assert.Equal("EXAMPLES: 1 example(s); every cmdlet has at least 2", e.Message);
    }

    [Theory]
    [InlineData("SYNOPSIS")]
    [InlineData("DESCRIPTION")]
    [InlineData("EXAMPLES")]
    [InlineData("PARAMETERS")]
    [InlineData("OUTPUTS")]
    public void Required_sections_must_be_there(string section)
    {
        var lines = HelpSource.Valid.Split('\n').ToList();
        var start = lines.IndexOf("## " + section);
        var end = lines.FindIndex(start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        lines.RemoveRange(start, end - start);
        var e = Assert.Throws<HelpSourceException>(() => CommandHelpReader.Read(string.Join('\n', lines), "Get-Thing"));
        Assert.Contains($"'## {section}' section is missing", e.Message);
    }
}
