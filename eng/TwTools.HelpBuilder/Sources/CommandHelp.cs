namespace TwTools.HelpBuilder.Sources;

/// <summary>The prose of one cmdlet's help, as written in docs/help/Verb-Noun.md, with source lines.</summary>
public sealed record CommandHelp(
    string Name,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<CommandExample> Examples,
    IReadOnlyList<DocumentedItem> Parameters,
    IReadOnlyList<DocumentedItem> Inputs,
    IReadOnlyList<DocumentedItem> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<RelatedLink> Links,
    int ParametersLine,
    int OutputsLine);
