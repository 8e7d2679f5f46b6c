using System.Globalization;

namespace TwTools.Engine.LocalMachine;

/// <summary>
/// Reads <c>/proc/net/netstat</c>, where each group is a header line of names followed by a line of
/// values with the same prefix ("TcpExt: ...").
/// </summary>
internal static class NetstatCounters
{
    public static long? Find(string content, string group, string counter)
    {
        var lines = content.Split('\n');
        var prefix = group + ":";
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            if (!lines[i].StartsWith(prefix, StringComparison.Ordinal) || !lines[i + 1].StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var names = lines[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = lines[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var index = Array.IndexOf(names, counter);
            if (index > 0 && index < values.Length
                && long.TryParse(values[index], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            i++;
        }

        return null;
    }
}
