using TwTools.Engine.Planning;

namespace TwTools.Cli.Output;

/// <summary>One host's apply as the table <c>twtools apply</c> prints.</summary>
internal static class ApplyText
{
    public static string Render(ApplyReport report, int? width = null)
    {
        var table = new TextTable("HOST", "KEY", "BEFORE", "AFTER", "CHANGE", "AT BOOT");
        foreach (var r in report.Results)
        {
            var after = r.WouldChange && r.Change.Contains("runtime", StringComparison.Ordinal) ? r.Desired + " (what if)" : r.After ?? "(absent)";
            table.Add(TargetName.Of(r.Host, r.NetworkNamespace), r.Key + (r.Enforced ? " (enforced)" : string.Empty), r.Before ?? "(absent)", after, r.Change, r.PersistedAfter);
        }

        return table.Render(width);
    }
}
