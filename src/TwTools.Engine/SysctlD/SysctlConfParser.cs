namespace TwTools.Engine.SysctlD;

/// <summary>
/// Reads the sysctl.conf(5) / sysctl.d(5) format: <c>key = value</c> lines, '#' and ';' comments, a
/// leading '-' that tells the loader to ignore failures (or, with no value, keeps a key from globs), glob keys,
/// and '/' or '.' as the key separator. Bytes are taken as they are: a byte order mark is part of the first key.
/// </summary>
internal static class SysctlConfParser
{
    public static IReadOnlyList<SysctlAssignment> Parse(string content, string file)
    {
        var assignments = new List<SysctlAssignment>();
        var lineNumber = 0;
        foreach (var rawLine in content.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line[0] == '#' || line[0] == ';')
            {
                continue;
            }

            var equals = line.IndexOf('=');
            if (equals < 0 && line.Length > 1 && line[0] == '-')
            {
                // "-key" with no value keeps the key out of every glob line's reach (sysctl.d(5)).
                assignments.Add(new SysctlAssignment(NormalizeKey(line[1..].Trim()), string.Empty, file, lineNumber, IgnoreFailure: true) { Excludes = true });
                continue;
            }

            if (equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            var ignoreFailure = key.StartsWith('-');
            if (ignoreFailure)
            {
                key = key[1..].Trim();
            }

            assignments.Add(new SysctlAssignment(NormalizeKey(key), line[(equals + 1)..].Trim(), file, lineNumber, ignoreFailure));
        }

        return assignments;
    }

    /// <summary>
    /// sysctl.d(5): when the first separator is '/', slashes and dots swap roles, so
    /// <c>net/ipv4/tcp_tw_reuse</c> and <c>net.ipv4.tcp_tw_reuse</c> name the same key.
    /// </summary>
    public static string NormalizeKey(string key)
    {
        var firstSlash = key.IndexOf('/');
        var firstDot = key.IndexOf('.');
        if (firstSlash < 0 || (firstDot >= 0 && firstDot < firstSlash))
        {
            return key;
        }

        var chars = key.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                '/' => '.',
                '.' => '/',
                var c => c,
            };
        }

        return new string(chars);
    }
}
