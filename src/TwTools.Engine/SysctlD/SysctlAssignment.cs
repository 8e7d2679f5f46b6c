namespace TwTools.Engine.SysctlD;

/// <summary>One <c>key = value</c> line of a sysctl configuration file.</summary>
/// <param name="Key">The key in dotted form, whatever separator the file used.</param>
/// <param name="IgnoreFailure">The line began with '-': a failure to apply it is not an error at boot.</param>
internal sealed record SysctlAssignment(string Key, string Value, string File, int Line, bool IgnoreFailure);
