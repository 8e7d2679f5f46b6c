using System.CommandLine;
using TwTools.Cli.Runs;
using TwTools.Engine.Exhaustion;
using TwTools.Engine.Operations;

namespace TwTools.Cli.Commands;

/// <summary><c>twtools exhaustion</c>: ephemeral-port pressure per destination, with a verdict and advice.</summary>
internal static class ExhaustionCommand
{
    public static Command Create()
    {
        var sample = CommonOptions.Decimal(new Option<double>("--sample-seconds")
        {
            Description = "Take two snapshots this many seconds apart to measure new connections per destination and project where TIME_WAIT settles.",
            HelpName = "seconds",
        });
        var warning = CommonOptions.Decimal(new Option<double>("--warning") { Description = "Share of usable ports in use that is a Warning.", DefaultValueFactory = _ => ExhaustionThresholds.Default.Warning });
        var critical = CommonOptions.Decimal(new Option<double>("--critical") { Description = "Share of usable ports in use that is Critical.", DefaultValueFactory = _ => ExhaustionThresholds.Default.Critical });
        var formats = new OutputOptions();
        var verbose = CommonOptions.Verbose();
        var wide = CommonOptions.Wide();
        var sources = new SocketSourceOptions();
        var hosts = new HostOptions();
        var command = new Command("exhaustion", "Ephemeral-port pressure per destination from the socket table and the kernel's port range: exit 0 when every destination is OK, 1 when any is at risk.")
        {
            sample, warning, critical, verbose, wide,
        };
        formats.AddTo(command);
        sources.AddTo(command);
        hosts.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(verbose), output => ExhaustionRun.Run(
            new ExhaustionRunOptions(
                new SocketRequest { SourceKind = parse.GetValue(sources.Source), Capture = sources.CapturePath(parse) },
                new PortExhaustionOptions { Thresholds = new ExhaustionThresholds(parse.GetValue(warning), parse.GetValue(critical)), SampleSeconds = parse.GetValue(sample) },
                hosts.Resolve(parse, output))
            {
                Format = formats.Format(parse),
                Metrics = formats.Metrics(parse),
            },
            output,
            CliStreams.FromConsole(parse.GetValue(wide)))));
        return command;
    }
}
