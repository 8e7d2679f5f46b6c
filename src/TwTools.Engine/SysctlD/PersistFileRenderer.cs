using System.Text;

namespace TwTools.Engine.SysctlD;

/// <summary>
/// The text of the sysctl.d file a policy persists to. It depends only on the policy's name and
/// values, never on time or on how the policy file was named, so a second apply finds it identical.
/// </summary>
internal static class PersistFileRenderer
{
    private const string Header = "# Written by TwTools from policy '";

    /// <summary>True for a file a TwTools apply wrote (its first line says so); anything else is someone else's.</summary>
    public static bool IsWrittenByTwTools(string content) => content.StartsWith(Header, StringComparison.Ordinal);

    public static string Render(string policyName, IEnumerable<(string Key, string Value)> settings)
    {
        var text = new StringBuilder();
        text.Append(Header).Append(policyName).Append("'.\n");
        text.Append("# Edit the policy and apply it again rather than this file: the next apply rewrites it.\n");
        foreach (var (key, value) in settings)
        {
            text.Append(key).Append(" = ").Append(value).Append('\n');
        }

        return text.ToString();
    }
}
