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
};

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors)
    {
        Console.Error.WriteLine("twtools: error: " + TwTools.Engine.Text.TerminalText.Escape(error.Message));
    }

    Console.Error.WriteLine("Run 'twtools --help' for usage.");
    return ExitCodes.InvalidInput;
}

return parse.Invoke();
