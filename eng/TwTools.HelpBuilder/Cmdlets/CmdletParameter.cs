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
    IReadOnlyList<ParameterSetMembership> Sets)
{
    public bool IsPipelineBound => Sets.Any(s => s.ByValue || s.ByPropertyName);
}
