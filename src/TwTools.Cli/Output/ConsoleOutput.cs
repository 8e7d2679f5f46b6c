using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Text;

namespace TwTools.Cli.Output;

/// <summary>The CLI's side of <see cref="IEngineOutput"/>: everything but data goes to stderr.</summary>
internal sealed class ConsoleOutput : IEngineOutput
{
    private readonly bool _verbose;

    public ConsoleOutput(bool verbose, CancellationToken cancellation)
    {
        _verbose = verbose;
        Cancellation = cancellation;
    }

    public CancellationToken Cancellation { get; }

    // Every message may quote a host's or a file's text: escaped before it reaches the terminal.
    public void WriteWarning(TwDiagnostic warning) => Console.Error.WriteLine("twtools: warning: " + TerminalText.Escape(warning.ToString()));

    public void WriteVerbose(string message)
    {
        if (_verbose)
        {
            Console.Error.WriteLine("twtools: " + TerminalText.Escape(message));
        }
    }

    public void WriteInformation(string message) => Console.Error.WriteLine(TerminalText.Escape(message));

    public void WriteError(TwDiagnostic error) => Console.Error.WriteLine("twtools: error: " + TerminalText.Escape(error.ToString()));

    /// <summary>One self-overwriting line, only for a person watching a run over several hosts; logs and pipes get none.</summary>
    public void WriteProgress(HostProgress progress)
    {
        if (progress.Total < 2 || Console.IsErrorRedirected)
        {
            return;
        }

        Console.Error.Write($"\r\u001b[K[{progress.Completed}/{progress.Total}] {progress.Activity}: {TerminalText.Escape(progress.Status)}");
        if (progress.IsFinished)
        {
            Console.Error.WriteLine();
        }
    }

    public static void WriteDiagnostics(IEnumerable<TwDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            Console.Error.WriteLine($"twtools: {(diagnostic.IsError ? "error" : "warning")}: {TerminalText.Escape(diagnostic.ToString())}");
        }
    }
}
