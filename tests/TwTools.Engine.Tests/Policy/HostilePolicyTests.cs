using System.Text;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Tests.Policy;

/// <summary>
/// Policies written to break the reader: deep nesting, floods of errors, huge values, tags and directives
/// that change what a value means, bytes that are not text, and values that end in a newline. Each is a
/// bounded, positioned error; none crashes, hangs or echoes raw control characters.
/// </summary>
public sealed class HostilePolicyTests : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "twt-policies-" + Guid.NewGuid().ToString("N")[..8])).FullName;

    private static PolicyLoadResult Bounded(Func<PolicyLoadResult> read) => Task.Run(read).WaitAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();

    private PolicyLoadResult LoadBytes(byte[] bytes)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N")[..8] + ".yaml");
        File.WriteAllBytes(path, bytes);
        return Bounded(() => PolicyLoader.Load(path));
    }

    [Theory]
    [InlineData("metadata:\n  name: \"x\\n\"", "metadata.name")]
    [InlineData("persist:\n    file: \"/etc/sysctl.d/60-x.conf\\n\"", "spec.persist.file")]
    public void A_value_ending_in_a_newline_is_not_valid(string yaml, string field)
    {
        var text = yaml.StartsWith("metadata", StringComparison.Ordinal)
            ? "apiVersion: twtools.io/v1\nkind: TwPolicy\n" + yaml + "\nspec:\n  settings:\n    net.ipv4.tcp_tw_reuse: 1\n"
            : Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n", "  " + yaml + "\n");

        var result = Policies.Parse(text);

        Assert.Contains(result.Errors, e => e.Id == TwErrorIds.Policy.InvalidValue && e.Field == field);
    }

    [Theory]
    [InlineData("    net.ipv4.tcp_tw_reuse: !!str 1\n", "YAML tags (tag:yaml.org,2002:str)")]
    [InlineData("    net.ipv4.tcp_tw_reuse: !!python/object:os.system 1\n", "YAML tags")]
    public void Tags_are_refused_because_they_change_what_a_value_is(string settings, string message)
    {
        var error = Assert.Single(Policies.Parse(Policies.Yaml(settings)).Errors);

        Assert.Equal((TwErrorIds.Policy.Syntax, 7), (error.Id, error.Line));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Text_that_makes_the_yaml_scanner_itself_fail_is_a_syntax_error()
    {
        // Found by ParserPropertyTests: YamlDotNet's scanner throws InvalidOperationException on this.
        var text = "spec:\n#\0[TWTOOLS-END\nFF0x}[!!str \rnH\t^O\r2\r*\n(&s9U v:}*&a wX 9t   name: x\n";

        var result = Policies.Parse(text);

        Assert.Contains(result.Errors, e => e.Id == TwErrorIds.Policy.Syntax);
    }

    [Fact]
    public void A_yaml_directive_is_refused()
    {
        var error = Assert.Single(Policies.Parse("%YAML 1.1\n---\n" + Policies.Yaml("    net.ipv4.tcp_fin_timeout: 010\n")).Errors);
        Assert.Contains("YAML directives (%YAML, %TAG) are not used in a policy", error.Message);
    }

    [Fact]
    public void Nesting_thousands_deep_is_one_error_not_a_crash()
    {
        var result = Bounded(() => Policies.Parse(Policies.Yaml("    net.ipv4.tcp_tw_reuse: " + new string('[', 20_000) + "\n")));

        var error = Assert.Single(result.Errors);
        Assert.Contains($"nested more than {YamlTreeReader.MaxDepth} levels deep", error.Message);
    }

    [Fact]
    public void A_flood_of_problems_is_cut_to_the_first_ones_and_a_count()
    {
        var keys = string.Concat(Enumerable.Range(0, 2000).Select(i => $"    net.ipv4.made_up_{i}: 1\n"));

        var result = Bounded(() => Policies.Parse(Policies.Yaml(keys)));

        Assert.Equal(PolicyLoader.MaxErrors + 1, result.Errors.Count());
        Assert.Equal("and 1950 more problem(s) not shown", result.Errors.Last().Message);
    }

    [Fact]
    public void A_huge_or_hostile_value_is_quoted_back_short_and_printable()
    {
        var value = "\u001b]0;pwned\u0007" + new string('x', 100_000);

        var error = Assert.Single(Policies.Parse(Policies.Yaml($"    net.ipv4.tcp_tw_reuse: \"{value.Replace("\u001b", "\\e").Replace("\u0007", "\\a")}\"\n")).Errors);

        Assert.True(error.Message.Length <= 601, error.Message.Length.ToString());
        Assert.DoesNotContain(error.Message, c => char.IsControl(c));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_at_their_line_and_column()
    {
        var bytes = Encoding.UTF8.GetBytes(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n")).Concat(new byte[] { 0x20, 0x20, 0x23, 0xFF, 0x0A }).ToArray();

        var error = Assert.Single(LoadBytes(bytes).Errors);

        Assert.Equal((TwErrorIds.Policy.Syntax, 8, 4), (error.Id, error.Line, error.Column));
        Assert.Contains("not UTF-8", error.Message);
    }

    public static TheoryData<string> Unicode() => ["utf-16le", "utf-16be", "utf-32le", "utf-32be", "utf-8"];

    private static Encoding Named(string name) => name switch
    {
        "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        "utf-32le" => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
        "utf-32be" => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
    };

    [Theory]
    [MemberData(nameof(Unicode))]
    public void A_policy_in_any_unicode_encoding_with_a_byte_order_mark_is_read(string name)
    {
        var encoding = Named(name);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n"))).ToArray();

        var result = LoadBytes(bytes);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal("1", result.Policy!.Settings.Single().Value);
    }

    [Theory]
    [MemberData(nameof(Unicode))]
    public void An_error_in_a_unicode_policy_keeps_its_line_and_column(string name)
    {
        var encoding = Named(name);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 7\n"))).ToArray();

        var error = Assert.Single(LoadBytes(bytes).Errors);

        Assert.Equal((7, 28), (error.Line, error.Column));
    }

    [Fact]
    public void Bytes_that_are_not_valid_utf16_are_refused_at_their_line()
    {
        // A lone low surrogate (DC00) on line 8, after a UTF-16LE byte order mark.
        var text = new UnicodeEncoding(bigEndian: false, byteOrderMark: false).GetBytes(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\n# x"));
        var bytes = new byte[] { 0xFF, 0xFE }.Concat(text).Concat(new byte[] { 0x00, 0xDC, 0x0A, 0x00 }).ToArray();

        var error = Assert.Single(LoadBytes(bytes).Errors);

        Assert.Equal((TwErrorIds.Policy.Syntax, 8), (error.Id, error.Line));
        Assert.Contains("not UTF-16LE", error.Message);
    }

    [Fact]
    public void A_tab_used_as_indentation_is_reported_at_its_own_line_and_column()
    {
        var error = Assert.Single(LoadBytes(Encoding.UTF8.GetBytes(Policies.Yaml("\tnet.ipv4.tcp_tw_reuse: 1\n"))).Errors);

        Assert.Equal((TwErrorIds.Policy.Syntax, 7, 1), (error.Id, error.Line, error.Column));
        Assert.Contains("tab", error.Message);
    }

    [Fact]
    public void A_nul_character_is_refused_at_its_position()
    {
        var error = Assert.Single(LoadBytes(Encoding.UTF8.GetBytes(Policies.Yaml("    net.ipv4.tcp_tw_reuse: 1\0\n"))).Errors);

        Assert.Equal((7, 29), (error.Line, error.Column));
        Assert.Contains("NUL", error.Message);
    }

    [Fact]
    public void A_policy_larger_than_any_real_one_is_refused_before_it_is_parsed()
    {
        var error = Assert.Single(LoadBytes(Encoding.UTF8.GetBytes(Policies.Yaml("#" + new string('x', 300_000) + "\n"))).Errors);

        Assert.Equal(TwErrorIds.Policy.FileRefused, error.Id);
        Assert.Contains("256 KiB", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
