using System.Management.Automation;

namespace TwTools.PowerShell.Completion;

internal static class CompletionResults
{
    /// <summary>PowerShell completion results for values the engine offered, quoted when the text needs it.</summary>
    public static IEnumerable<CompletionResult> Of(IEnumerable<string> values, string? toolTip = null) =>
        values.Select(v => new CompletionResult(
            v.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$' or '`' or '(' or ')' or '{' or '}' or ';' or ',') ? "'" + v.Replace("'", "''") + "'" : v,
            v,
            CompletionResultType.ParameterValue,
            toolTip ?? v));
}
