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
    public void WriteWarning(TwDiagnostic warning) => Console.Error.Write(Fitted("twtools: warning: " + TerminalText.Escape(warning.ToString())));

    public void WriteVerbose(string message)
    {
        if (_verbose)
        {
            Console.Error.Write(Fitted("twtools: " + TerminalText.Escape(message)));
        }
    }

    // A block of lines (the sysctls a container's owner should set) keeps its lines; a sentence wraps at the edge.
    public void WriteInformation(string message) => Console.Error.Write(message.Contains('\n', StringComparison.Ordinal)
        ? TerminalText.EscapeKeepingLines(message.EndsWith('\n') ? message : message + "\n")
        : Fitted(TerminalText.Escape(message)));

    public void WriteError(TwDiagnostic error) => Console.Error.Write(Fitted("twtools: error: " + TerminalText.Escape(error.ToString())));

    // On a terminal a message wraps at its edge, continuation lines indented; a log or pipe keeps one line per message.
    private static string Fitted(string message) => TextWrap.Paragraph(message, TerminalWidth.OfStandardError(), indent: "  ");

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
            Console.Error.Write(Fitted($"twtools: {(diagnostic.IsError ? "error" : "warning")}: {TerminalText.Escape(diagnostic.ToString())}"));
        }
    }
}
