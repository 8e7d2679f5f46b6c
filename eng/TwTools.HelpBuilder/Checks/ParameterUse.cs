namespace TwTools.HelpBuilder.Checks;

/// <summary>A "-Name" token an example passes to a command, and the example line it is on (0-based).</summary>
public sealed record ParameterUse(string Command, string Parameter, int LineOffset);
