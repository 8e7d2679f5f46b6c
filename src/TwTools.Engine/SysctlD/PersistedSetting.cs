namespace TwTools.Engine.SysctlD;

/// <summary>The value a key gets at boot and the file line that gives it.</summary>
internal sealed record PersistedSetting(string Key, string Value, string File, int Line);
