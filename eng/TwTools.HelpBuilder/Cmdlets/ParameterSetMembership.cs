namespace TwTools.HelpBuilder.Cmdlets;

/// <summary>One [Parameter] attribute: how the parameter binds in one parameter set.</summary>
public sealed record ParameterSetMembership(string Name, bool Mandatory, int? Position, bool ByValue, bool ByPropertyName)
{
    /// <summary>The "Accept pipeline input?" text Get-Help shows.</summary>
    public string PipelineInput => (ByValue, ByPropertyName) switch
    {
        (true, true) => "True (ByValue, ByPropertyName)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };
}
