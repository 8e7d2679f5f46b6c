using System.Text.RegularExpressions;

namespace TwTools.Module.Tests;

/// <summary>Just enough of a PowerShell data file (the manifest) to read its string and string-array keys.</summary>
public static partial class Psd1
{
    public static string? Value(string text, string key) =>
        Regex.Match(text, $@"(?m)^\s*{key}\s*=\s*'([^']*)'") is { Success: true } m ? m.Groups[1].Value : null;

    public static IReadOnlyList<string>? List(string text, string key) =>
        Regex.Match(text, $@"(?m)^\s*{key}\s*=\s*@\(([^)]*)\)") is { Success: true } m
            ? Quoted().Matches(m.Groups[1].Value).Select(q => q.Groups[1].Value).ToList()
            : null;

    [GeneratedRegex("'([^']*)'")]
    private static partial Regex Quoted();
}
