namespace TwTools.Engine.Policy;

/// <summary>One key a policy sets, with its normalised value and where the policy file says so.</summary>
public sealed record PolicySetting(string Key, string Value, int Line, int Column);
