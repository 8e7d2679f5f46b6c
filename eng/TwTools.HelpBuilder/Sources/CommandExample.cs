namespace TwTools.HelpBuilder.Sources;

/// <summary>One example: its title, the code a user types, what it shows, and where the code starts.</summary>
public sealed record CommandExample(string Title, string Code, IReadOnlyList<string> Remarks, int CodeLine);
