using TwTools.Engine.Text;

namespace TwTools.Cli.Output;

/// <summary>One host's settings as <c>twtools kernel</c> prints them: with a policy, judged; without, with source and meaning.</summary>
internal static class KernelText
{
    /// <param name="width">The terminal's columns, or null for whole lines.</param>
    public static string Render(IReadOnlyList<KernelSettingState> states, bool withPolicy, int? width = null)
    {
        var first = states[0];
        var header = TextWrap.Paragraph($"{TargetName.Of(first.Host, first.NetworkNamespace)}: kernel {TerminalText.Escape(first.KernelRelease)}, TCPTimeWaitOverflow {first.TimeWaitOverflow?.ToString() ?? "n/a"}", width);
        if (withPolicy)
        {
            var table = new TextTable("KEY", "RUNTIME", "PERSISTED", "EXPECTED", "COMPLIANT", "REASON");
            foreach (var s in states)
            {
                table.Add(s.Key, Shown(s), s.Persisted, s.Expected, s.Compliant switch { true => "yes", false => "NO", null => "" }, s.Reason);
            }

            return header + table.Render(width);
        }
        else
        {
            var table = new TextTable("KEY", "RUNTIME", "PERSISTED", "SOURCE", "MEANING");
            foreach (var s in states)
            {
                table.Add(s.Key, Shown(s), s.Persisted, s.PersistedSource ?? (s.NetworkNamespace is { IsHost: false } ? "not persisted" : null), s.Meaning);
            }

            return header + table.Render(width);
        }
    }

    // An empty reserved-ports list reads as a blank cell otherwise.
    private static string? Shown(KernelSettingState s) => !s.Exists ? "(absent)" : s.Runtime == string.Empty ? "(none)" : s.Runtime;
}
