using System.Text.Json;
using TwTools.Cli.Commands;
using TwTools.Cli.Output;
using TwTools.Engine.Exhaustion;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Operations;
using TwTools.Engine.Text;

namespace TwTools.Cli.Runs;

/// <summary>What <c>twtools exhaustion</c> was asked: which sockets, how to judge them, and where.</summary>
internal sealed record ExhaustionRunOptions(SocketRequest Sockets, PortExhaustionOptions Analysis, HostSelection Hosts)
{
    public bool Json { get; init; }
}

/// <summary><c>twtools exhaustion</c>: each host's port pressure from the engine's analysis; exit 1 when any destination is at risk.</summary>
internal static class ExhaustionRun
{
    public static int Run(ExhaustionRunOptions options, IEngineOutput output, CliStreams streams)
    {
        options.Analysis.Validate();
        var reports = new List<PortExhaustionReport>();
        using var stdout = streams.Text();
        var exit = FleetRun.Run(
            options.Hosts,
            "Checking ephemeral ports",
            (target, relay, _) => PortExhaustionAnalysis.ForHost(target, options.Sockets, options.Analysis, relay),
            (_, _) => false,
            output,
            report =>
            {
                reports.Add(report);
                if (!options.Json)
                {
                    stdout.Write(TerminalText.EscapeKeepingLines(ExhaustionText.Render(report)));
                    stdout.Flush();
                }

                return report.Verdict == PortVerdict.OK ? ExitCodes.Success : ExitCodes.NotCompliant;
            });
        if (options.Json && (options.Hosts.IsRemote || reports.Count == 1))
        {
            // One host (this machine) keeps the single-object shape scripts already read; --host gives an array.
            stdout.WriteLine(options.Hosts.IsRemote
                ? JsonSerializer.Serialize(reports, CliJsonContext.Default.ListPortExhaustionReport)
                : JsonSerializer.Serialize(reports.Single(), CliJsonContext.Default.PortExhaustionReport));
        }

        return exit;
    }
}
