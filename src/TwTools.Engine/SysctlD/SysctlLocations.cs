namespace TwTools.Engine.SysctlD;

/// <summary>Where sysctl settings persist on a host, in the order procps' <c>sysctl --system</c> searches.</summary>
internal static class SysctlLocations
{
    /// <summary>
    /// A file name found in an earlier directory masks the same name in later ones; the survivors are
    /// applied sorted by file name, whichever directory they are in.
    /// </summary>
    public static readonly IReadOnlyList<string> Directories = new[]
    {
        "/etc/sysctl.d",
        "/run/sysctl.d",
        "/usr/local/lib/sysctl.d",
        "/usr/lib/sysctl.d",
        "/lib/sysctl.d",
    };

    /// <summary>Applied after every sysctl.d file, so it overrides them all.</summary>
    public const string SysctlConf = "/etc/sysctl.conf";

    /// <summary>Directories a policy may persist into: the administrator's, never the vendor's.</summary>
    public static readonly IReadOnlyList<string> WritableDirectories = new[] { "/etc/sysctl.d", "/run/sysctl.d" };

    public static int DirectoryRank(string path)
    {
        var directory = Path.GetDirectoryName(path);
        for (var i = 0; i < Directories.Count; i++)
        {
            if (string.Equals(Directories[i], directory, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
