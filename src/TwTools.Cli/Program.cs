using System.CommandLine;
using TwTools.Cli.Commands;
using TwTools.Cli;
using TwTools.Engine.Text;

TwTools.Cli.Output.StandardStreams.Install();

var root = new RootCommand("twtools: TIME_WAIT and ephemeral-port kernel settings, observed and applied safely.")
{
    KernelCommand.CreateKernel(),
    KernelCommand.CreateTest(),
    ApplyCommand.Create(),
    RemoveCommand.Create(),
    SocketsCommand.Create(),
    ExhaustionCommand.Create(),
    ExporterCommand.Create(),
};

var parse = root.Parse(args);
// --help wins over everything in System.CommandLine, even a command that does not exist: "twtools nosuch --help"
// would print the root help and exit 0. A token nothing matched is an error whatever else was asked.
var errors = parse.Errors.Select(e => e.Message)
    .Concat(parse.Errors.Count == 0 ? parse.UnmatchedTokens.Select(t => $"Unrecognized command or argument '{t}'.") : [])
    .ToList();
if (errors.Count > 0)
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine("twtools: error: " + TwTools.Engine.Text.TerminalText.Escape(error));
    }

    Console.Error.WriteLine("Run 'twtools --help' for usage.");
    return ExitCodes.InvalidInput;
}

return parse.Invoke();
