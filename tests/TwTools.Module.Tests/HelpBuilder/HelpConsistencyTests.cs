using TwTools.HelpBuilder.Checks;
using TwTools.HelpBuilder.Cmdlets;
using TwTools.HelpBuilder.Sources;

namespace TwTools.Module.Tests.HelpBuilder;

public sealed class HelpConsistencyTests
{
    private static readonly CmdletShape Thing = new(
        "Get", "Thing", SupportsShouldProcess: false, DefaultParameterSet: null,
        [
            new CmdletParameter("Name", "String[]", "System.String[]", false, ["N"], [], true, [new ParameterSetMembership(CmdletShape.AllSets, false, 0, true, false)]),
            new CmdletParameter("HostName", "String[]", "System.String[]", false, [], [], false, [new ParameterSetMembership(CmdletShape.AllSets, false, null, false, true)]),
        ],
        ["Demo.Thing"]);

    private static readonly Dictionary<string, DocumentedItem> Shared = new(StringComparer.OrdinalIgnoreCase)
    {
        ["HostName"] = new DocumentedItem("HostName", ["Hosts to read."], 5),
    };

    private static IReadOnlyList<string> Problems(string source, CmdletShape? shape = null) =>
        HelpConsistency.Check(CommandHelpReader.Read(source, "Get-Thing"), shape ?? Thing, [shape ?? Thing], Shared).Problems.Select(p => $"{p.Line}: {p.Message}").ToList();

    [Fact]
    public void A_matching_source_takes_shared_descriptions_for_what_it_does_not_describe()
    {
        var (command, problems) = HelpConsistency.Check(CommandHelpReader.Read(HelpSource.Valid, "Get-Thing"), Thing, [Thing], Shared);
        Assert.Empty(problems);
        Assert.Equal(["Which things."], command!.ParameterText["Name"]);
        Assert.Equal(["Hosts to read."], command.ParameterText["HostName"]);
    }

    [Fact]
    public void A_parameter_without_a_description_anywhere_is_named_at_the_parameters_section()
    {
        var withoutShared = HelpConsistency.Check(CommandHelpReader.Read(HelpSource.Valid, "Get-Thing"), Thing, [Thing], new Dictionary<string, DocumentedItem>());
        Assert.Equal(["26: PARAMETERS: -HostName is not described (add '### -HostName' here)"], withoutShared.Problems.Select(p => $"{p.Line}: {p.Message}"));
        Assert.Null(withoutShared.Command);
    }

    [Fact]
    public void A_description_of_a_parameter_the_cmdlet_lacks_is_an_error_at_its_heading()
    {
        Assert.Equal(
            ["31: PARAMETERS: -Force is not a parameter of Get-Thing; it has -Name, -HostName"],
            Problems(HelpSource.Valid.Replace("## INPUTS", "### -Force\nForces.\n\n## INPUTS", StringComparison.Ordinal)));
    }

    [Fact]
    public void Outputs_must_be_exactly_the_declared_output_types()
    {
        Assert.Equal(
            [
                "38: OUTPUTS: Get-Thing does not declare [OutputType(Demo.Other)]; it declares Demo.Thing",
                "36: OUTPUTS: Demo.Thing is an output type of Get-Thing but has no '### Demo.Thing' entry",
            ],
            Problems(HelpSource.Valid.Replace("### Demo.Thing", "### Demo.Other", StringComparison.Ordinal)));
    }

    [Fact]
    public void Inputs_must_be_taken_from_the_pipeline_by_some_parameter()
    {
        Assert.Equal(
            ["33: INPUTS: no parameter of Get-Thing takes System.Int32 from the pipeline"],
            Problems(HelpSource.Valid.Replace("### System.String", "### System.Int32", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Get-Thing -Name b", "Get-Thing -Nmae b", "21: EXAMPLES: 'Some things' passes -Nmae to Get-Thing, which has no such parameter")]
    [InlineData("Get-Thing -Name b", "Get-Thing -WhatIf", "21: EXAMPLES: 'Some things' passes -WhatIf to Get-Thing, which has no such parameter")]
    [InlineData("```powershell\nGet-Thing\n```", "```powershell\nGet-Other\n```", "13: EXAMPLES: 'All things' never runs Get-Thing")]
    public void Examples_run_the_cmdlet_and_pass_only_its_parameters(string replace, string with, string problem) =>
        Assert.Equal([problem], Problems(HelpSource.Valid.Replace(replace, with, StringComparison.Ordinal)));

    [Fact]
    public void Aliases_and_common_parameters_are_accepted_and_WhatIf_only_with_ShouldProcess()
    {
        Assert.Empty(Problems(HelpSource.Valid.Replace("Get-Thing -Name b", "Get-Thing -N b -ErrorAction Stop -Verbose", StringComparison.Ordinal)));
        Assert.Empty(Problems(HelpSource.Valid.Replace("Get-Thing -Name b", "Get-Thing -WhatIf -Confirm:$false", StringComparison.Ordinal), Thing with { SupportsShouldProcess = true }));
    }
}
