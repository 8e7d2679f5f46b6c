using System.Text;

namespace TwTools.Cli.Runs;

/// <summary>Where a run writes its data: the process's stdout, or a buffer when a test runs the command in process.</summary>
internal sealed record CliStreams(Stream StandardOutput)
{
    public static CliStreams FromConsole() => new(Output.StandardStreams.Output);

    /// <summary>Text goes out in large writes, flushed per host so each host's answer shows as it comes.</summary>
    public StreamWriter Text() => new(StandardOutput, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16) { AutoFlush = false };
}
