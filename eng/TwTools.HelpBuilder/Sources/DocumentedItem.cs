namespace TwTools.HelpBuilder.Sources;

/// <summary>A parameter, input type or output type a help source describes under its own heading.</summary>
public sealed record DocumentedItem(string Name, IReadOnlyList<string> Description, int Line);
