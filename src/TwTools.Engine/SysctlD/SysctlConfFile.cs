namespace TwTools.Engine.SysctlD;

/// <summary>
/// A sysctl configuration file as read from a host: its path on that host, its text, and where it
/// points if it is a symbolic link (Debian links <c>/etc/sysctl.d/99-sysctl.conf</c> to <c>/etc/sysctl.conf</c>).
/// </summary>
internal sealed record SysctlConfFile(string Path, string Content, string? LinkTarget = null)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>A link's target as a host path: "../sysctl.conf" beside /etc/sysctl.d/99-sysctl.conf is /etc/sysctl.conf.</summary>
    public static string ResolveLink(string hostPath, string target) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(hostPath)!, target));

    public IReadOnlyList<SysctlAssignment> Assignments => SysctlConfParser.Parse(Content, Path);
}
