using System.CommandLine;

namespace TwTools.Cli.Commands;

/// <summary>Options several commands share, spelled the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string> Policy(bool required) => new("--policy", "-p")
    {
        Description = "Policy YAML file (see policies/ for shipped baselines).",
        Required = required,
        HelpName = "file",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Write data as JSON to stdout (camelCase, the cmdlets' property names).",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Say more on stderr about what is being read and compared.",
    };
}
