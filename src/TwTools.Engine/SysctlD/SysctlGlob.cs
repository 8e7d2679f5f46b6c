using System.Text;
using System.Text.RegularExpressions;

namespace TwTools.Engine.SysctlD;

/// <summary>
/// A sysctl.d glob key matched as glob(7) matches the /proc/sys path it stands for: in the dotted form a '.' is the
/// path separator, which no wildcard crosses. A pattern TwTools cannot read matches nothing rather than everything.
/// </summary>
internal static class SysctlGlob
{
    public static bool Matches(string pattern, string key)
    {
        try
        {
            return Regex.IsMatch(key, ToRegex(pattern), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*':
                    regex.Append("[^.]*");
                    break;
                case '?':
                    regex.Append("[^.]");
                    break;
                case '[' when pattern.IndexOf(']', i + 2) is var end and > 0:
                    var set = pattern[(i + 1)..end];
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = end;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
