namespace TwTools.Engine.SysctlD;

/// <summary>One <c>key = value</c> line of a sysctl configuration file.</summary>
/// <param name="Key">The key in dotted form, whatever separator the file used.</param>
/// <param name="IgnoreFailure">The line began with '-': a failure to apply it is not an error at boot.</param>
internal sealed record SysctlAssignment(string Key, string Value, string File, int Line, bool IgnoreFailure)
{
    /// <summary>A "-key" line with no value: no glob line sets this key.</summary>
    public bool Excludes { get; init; }

    /// <summary>A glob(7) pattern such as <c>net.ipv4.tcp_tw_reus*</c>: it sets every matching key no explicit line sets.</summary>
    public bool IsGlob => Key.AsSpan().IndexOfAny('*', '?', '[') >= 0;

    /// <summary>As systemd-sysctl expands a glob over /proc/sys paths: '*' and '?' stay within one part of the key.</summary>
    public bool Matches(string key) => IsGlob && SysctlGlob.Matches(Key, key);
}
