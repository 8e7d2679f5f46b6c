using TwTools.HelpBuilder.Cmdlets;
using TwTools.HelpBuilder.Sources;

namespace TwTools.HelpBuilder.Checks;

/// <summary>A cmdlet whose help source agrees with it, with the text for each of its parameters.</summary>
public sealed record DocumentedCommand(CmdletShape Shape, CommandHelp Help, IReadOnlyDictionary<string, IReadOnlyList<string>> ParameterText);
