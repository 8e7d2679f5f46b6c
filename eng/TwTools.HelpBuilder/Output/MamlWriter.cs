using System.Xml.Linq;
using TwTools.HelpBuilder.Checks;
using TwTools.HelpBuilder.Cmdlets;

namespace TwTools.HelpBuilder.Output;

/// <summary>
/// Writes the MAML file Get-Help reads for a binary module (en-US/&lt;assembly&gt;.dll-Help.xml): one
/// command:command per cmdlet, with details, description, syntax per parameter set, parameters,
/// input and return types, notes, examples and related links, in the layout platyPS produces.
/// </summary>
public static class MamlWriter
{
    public static readonly XNamespace Msh = "http://msh";
    public static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    public static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    public static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<DocumentedCommand> commands) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

    private static XElement CommandElement(DocumentedCommand c) => new(
        Command + "command",
        new XAttribute(XNamespace.Xmlns + "maml", Maml),
        new XAttribute(XNamespace.Xmlns + "command", Command),
        new XAttribute(XNamespace.Xmlns + "dev", Dev),
        new XElement(
            Command + "details",
            new XElement(Command + "name", c.Shape.Name),
            new XElement(Command + "verb", c.Shape.Verb),
            new XElement(Command + "noun", c.Shape.Noun),
            Description(c.Help.Synopsis)),
        Description([.. c.Help.Description]),
        new XElement(Command + "syntax", c.Shape.ParameterSets.Select(set => new XElement(
            Command + "syntaxItem",
            new XElement(Maml + "name", c.Shape.Name),
            c.Shape.In(set).Select(x => Parameter(x.Parameter, x.Membership, c.ParameterText[x.Parameter.Name])),
            ShouldProcessParameters(c.Shape)))),
        new XElement(Command + "parameters", c.Shape.Parameters.Select(p => Parameter(p, p.Sets[0], c.ParameterText[p.Name])), ShouldProcessParameters(c.Shape)),
        new XElement(Command + "inputTypes", c.Help.Inputs.Select(i => TypeEntry("inputType", i.Name, i.Description))),
        new XElement(Command + "returnValues", c.Help.Outputs.Select(o => TypeEntry("returnValue", o.Name, o.Description))),
        new XElement(Maml + "alertSet", new XElement(Maml + "alert", c.Help.Notes.Select(Para))),
        new XElement(Command + "examples", c.Help.Examples.Select((e, i) => new XElement(
            Command + "example",
            new XElement(Maml + "title", $"--------- Example {i + 1}: {e.Title} ---------"),
            new XElement(Dev + "code", e.Code),
            new XElement(Dev + "remarks", e.Remarks.Select(Para))))),
        new XElement(Command + "relatedLinks", c.Help.Links.Select(l => new XElement(
            Maml + "navigationLink",
            new XElement(Maml + "linkText", l.Text),
            new XElement(Maml + "uri", l.Uri)))));

    private static XElement Parameter(CmdletParameter p, ParameterSetMembership m, IReadOnlyList<string> text) => new(
        Command + "parameter",
        new XAttribute("required", m.Mandatory ? "true" : "false"),
        new XAttribute("variableLength", p.TypeName.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
        new XAttribute("globbing", p.SupportsWildcards ? "true" : "false"),
        new XAttribute("pipelineInput", m.PipelineInput),
        new XAttribute("position", m.Position?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "named"),
        new XAttribute("aliases", p.Aliases.Count == 0 ? "none" : string.Join(", ", p.Aliases)),
        new XElement(Maml + "name", p.Name),
        Description([.. text]),
        p.ValidValues.Count == 0 ? null : new XElement(
            Command + "parameterValueGroup",
            p.ValidValues.Select(v => new XElement(Command + "parameterValue", new XAttribute("required", "false"), new XAttribute("variableLength", "false"), v))),
        p.IsSwitch ? null : new XElement(Command + "parameterValue", new XAttribute("required", "true"), new XAttribute("variableLength", "false"), p.TypeName),
        new XElement(Dev + "type", new XElement(Maml + "name", p.TypeFullName)),
        new XElement(Dev + "defaultValue", p.DefaultValue ?? (p.IsSwitch ? "False" : "None")));

    // A cmdlet that changes a host takes -WhatIf and -Confirm: PowerShell adds them, and help must show them in its syntax too.
    private static IEnumerable<XElement> ShouldProcessParameters(CmdletShape shape) => shape.SupportsShouldProcess
        ? CommonParameters.ShouldProcessHelp.Select(p => Parameter(
            new CmdletParameter(p.Name, "SwitchParameter", "System.Management.Automation.SwitchParameter", true, [p.Alias], [], false, [new ParameterSetMembership(CmdletShape.AllSets, false, null, false, false)]),
            new ParameterSetMembership(CmdletShape.AllSets, false, null, false, false),
            [p.Text]))
        : [];

    private static XElement TypeEntry(string element, string type, IReadOnlyList<string> text) => new(
        Command + element,
        new XElement(Dev + "type", new XElement(Maml + "name", type)),
        Description([.. text]));

    private static XElement Description(params string[] paragraphs) => new(Maml + "description", paragraphs.Select(Para));

    private static XElement Para(string text) => new(Maml + "para", text);
}
