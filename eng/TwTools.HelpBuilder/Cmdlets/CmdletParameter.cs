namespace TwTools.HelpBuilder.Cmdlets;

/// <summary>A cmdlet parameter as declared: its type's names, aliases, allowed values and set memberships.</summary>
public sealed record CmdletParameter(
    string Name,
    string TypeName,
    string TypeFullName,
    bool IsSwitch,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> ValidValues,
    bool SupportsWildcards,
    IReadOnlyList<ParameterSetMembership> Sets,
    string? DefaultValue = null)
{
    /// <summary>A value PowerShell fills in when the parameter is left out, which help must then show.</summary>
    public bool HasImplicitValue => !IsSwitch && TypeFullName is "System.Int32" or "System.Double" or "System.Int64" || (!IsSwitch && ValidValues.Count > 0 && !TypeName.EndsWith("[]", StringComparison.Ordinal));

    public bool IsPipelineBound => Sets.Any(s => s.ByValue || s.ByPropertyName);
}
