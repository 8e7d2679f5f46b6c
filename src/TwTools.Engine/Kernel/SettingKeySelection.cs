using System.Text.RegularExpressions;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;

namespace TwTools.Engine.Kernel;

/// <summary>
/// Which catalog keys a user asked for (Get-TwKernelPolicy -Key): full keys or the short form sysctl
/// users type (<c>tcp_tw_reuse</c> for <c>net.ipv4.tcp_tw_reuse</c>), with * and ? wildcards, case-insensitive.
/// A plain name that matches no key is an error with a suggestion, never a silently empty answer; a
/// wildcard that matches nothing is just nothing, as with other PowerShell filters.
/// </summary>
public sealed class SettingKeySelection
{
    private readonly List<Regex> _patterns;

    private SettingKeySelection(List<Regex> patterns) => _patterns = patterns;

    public static SettingKeySelection All { get; } = new([]);

    /// <summary>The selection, and one error per plain name that names no key.</summary>
    public static (SettingKeySelection Selection, IReadOnlyList<TwDiagnostic> Unknown) Parse(IReadOnlyList<string>? patterns)
    {
        if (patterns is null || patterns.Count == 0)
        {
            return (All, []);
        }

        var selection = new SettingKeySelection(patterns.Select(ToRegex).ToList());
        var unknown = patterns
            .Where(p => !p.Contains('*') && !p.Contains('?'))
            .Where(p => !KernelSettingCatalog.All.Any(d => Matches(ToRegex(p), d.Key)))
            .Select(Unknown)
            .ToList();
        return (selection, unknown);
    }

    public bool Includes(string key) => _patterns.Count == 0 || _patterns.Any(p => Matches(p, key));

    private static bool Matches(Regex pattern, string key) =>
        pattern.IsMatch(key) || pattern.IsMatch(key[(key.LastIndexOf('.') + 1)..]);

    private static Regex ToRegex(string pattern) =>
        new("\\A" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "\\z",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static TwDiagnostic Unknown(string name)
    {
        var suggestion = KernelSettingCatalog.Suggest(name) ?? KernelSettingCatalog.Suggest("net.ipv4." + name);
        var hint = suggestion is null ? $"; the keys are {string.Join(", ", KernelSettingCatalog.All.Select(d => d.Key))}" : $"; did you mean {suggestion}?";
        return TwDiagnostic.BadInput(TwErrorIds.Input.UnknownKey, TwErrorCategory.ObjectNotFound, $"no TIME_WAIT setting is called '{PrintableText.Of(name, 100)}'{hint}") with { Field = "Key", Target = name };
    }
}
