using System.Text;

namespace TwTools.Cli.Runs;

/// <summary>
/// Where a run writes its data: the process's stdout, or a buffer when a test runs the command in process; and how
/// wide a table may be (the terminal's width when stdout is one, else no limit: piped output keeps whole lines).
/// </summary>
internal sealed record CliStreams(Stream StandardOutput, int? Width = null)
{
    /// <param name="wide">--wide: no limit even on a terminal.</param>
    public static CliStreams FromConsole(bool wide = false) => new(Output.StandardStreams.Output, wide ? null : Output.TerminalWidth.OfStandardOutput());

    /// <summary>Text goes out in large writes, flushed per host so each host's answer shows as it comes.</summary>
    public StreamWriter Text() => new(StandardOutput, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { AutoFlush = false };
}
