using System.CommandLine;
using System.CommandLine.Parsing;

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

    /// <summary>--lock-timeout of the commands that change a host: how long to wait for another apply there.</summary>
    public static Option<int> LockTimeout()
    {
        var option = new Option<int>("--lock-timeout")
        {
            Description = "Seconds to wait for another apply on this host to finish.",
            DefaultValueFactory = _ => 30,
            HelpName = "seconds",
        };
        option.Validators.Add(result =>
        {
            if (ParsedInt(result) is < 0 or > 3600)
            {
                result.AddError("--lock-timeout must be between 0 and 3600 seconds.");
            }
        });
        return option;
    }

    public static Option<bool> Wide() => new("--wide", "-w")
    {
        Description = "Do not fit tables to the terminal: long text (meanings, reasons, advice) on one line.",
    };

    public static Option<bool> Verbose() => new("--verbose", "-v")
    {
        Description = "Say more on stderr about what is being read and compared.",
    };

    /// <summary>
    /// A number option that refuses a decimal comma. The invariant culture reads "0,5" as 5 (a thousands separator),
    /// so a user from a comma locale would get ten times what they asked for: say so instead.
    /// </summary>
    public static Option<double> Decimal(Option<double> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.Contains(',', StringComparison.Ordinal)) is { } token)
            {
                result.AddError($"{option.Name} takes a number with a decimal point: '{Engine.Text.TerminalText.Escape(token.Value)}' is not one (write {Engine.Text.TerminalText.Escape(token.Value.Replace(',', '.'))}).");
            }
        });
        return option;
    }

    /// <summary>
    /// An int option's value for a range validator, or null when the text is not a number at all: the
    /// parser reports that itself (exit 2), and asking for the value would throw and crash the process.
    /// </summary>
    public static int? ParsedInt(OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<int>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
