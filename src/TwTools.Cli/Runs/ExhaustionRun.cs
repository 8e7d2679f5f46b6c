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
    public OutputFormat Format { get; init; }

    public MetricsTarget Metrics { get; init; } = MetricsTarget.Stdout;
}

/// <summary><c>twtools exhaustion</c>: each host's port pressure from the engine's analysis; exit 1 when any destination is at risk.</summary>
internal static class ExhaustionRun
{
    public static int Run(ExhaustionRunOptions options, IEngineOutput output, CliStreams streams)
    {
        using var targets = options.Hosts;
        options.Analysis.Validate();
        options.Metrics.Validate();
        var reports = new List<PortExhaustionReport>();
        var failed = new List<HostFailure>();
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
                if (options.Format == OutputFormat.Table)
                {
                    stdout.Write(TerminalText.EscapeKeepingLines(ExhaustionText.Render(report, streams.Width)));
                    stdout.Flush();
                }

                return report.Verdict == PortVerdict.OK ? ExitCodes.Success : ExitCodes.NotCompliant;
            },
            failed.Add);
        if (options.Format == OutputFormat.Prometheus && (options.Hosts.IsFleet || reports.Count == 1))
        {
            // A failed run on this machine writes nothing: the collector keeps serving the previous file, and its timestamp ages.
            options.Metrics.Write(MetricsExport.Exhaustion(reports, failed, options.Metrics.Options), MetricsExport.ExhaustionFile, stdout, output);
        }
        else if (options.Format == OutputFormat.Json && (options.Hosts.IsFleet || reports.Count == 1))
        {
            // One host (this machine) keeps the single-object shape scripts already read; --host gives an array.
            stdout.WriteLine(options.Hosts.IsFleet
                ? JsonSerializer.Serialize(reports, CliJsonContext.Default.ListPortExhaustionReport)
                : JsonSerializer.Serialize(reports.Single(), CliJsonContext.Default.PortExhaustionReport));
        }

        return exit;
    }
}
