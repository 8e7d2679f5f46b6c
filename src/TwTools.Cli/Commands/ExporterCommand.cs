using System.CommandLine;
using TwTools.Cli.Runs;
using TwTools.Engine.Operations;

namespace TwTools.Cli.Commands;

/// <summary><c>twtools exporter</c>: a Prometheus scrape endpoint for what <c>exhaustion</c> and <c>test --policy</c> export.</summary>
internal static class ExporterCommand
{
    public static Command Create()
    {
        var listen = new Option<string>("--web.listen-address")
        {
            Description = $"Address to serve on: HOST:PORT, [IPv6]:PORT, or :PORT for every address.",
            DefaultValueFactory = _ => $":{ListenAddress.DefaultPort}",
            HelpName = "address",
        };
        var path = new Option<string>("--web.telemetry-path") { Description = "Path the metrics are served at.", DefaultValueFactory = _ => "/metrics", HelpName = "path" };
        var interval = CommonOptions.Decimal(new Option<double>("--min-interval")
        {
            Description = "Collect at most once in this many seconds; scrapes closer together share the last collection.",
            DefaultValueFactory = _ => 15,
            HelpName = "seconds",
        });
        var top = new Option<int>("--top") { Description = "Series for the N busiest destinations per target; the rest are summed into one aggregate.", DefaultValueFactory = _ => MetricsOptions.DefaultTop, HelpName = "n" };
        var node = new Option<string>("--node-name") { Description = "The name this machine's series carry in their host label instead of localhost (the DaemonSet passes the node's).", HelpName = "name" };
        var policy = CommonOptions.Policy(required: false);
        var verbose = CommonOptions.Verbose();
        var hosts = new HostOptions();
        var command = new Command("exporter", "Serve Prometheus metrics over HTTP: port pressure per destination (as 'exhaustion --format prometheus') and, with --policy, compliance (as 'test --format prometheus'), for this host or each namespace and --host named. Runs until SIGTERM or Ctrl+C.")
        {
            listen, path, interval, top, node, policy, verbose,
        };
        hosts.AddTo(command);
        command.SetAction(parse => CommandRunner.Run(parse.GetValue(verbose), output => ExporterRun.Run(
            new ExporterRunOptions(Targets(hosts, parse, output, NodeName(parse.GetValue(node))), parse.GetValue(policy), ListenAddress.Parse(parse.GetValue(listen)!))
            {
                TelemetryPath = parse.GetValue(path)!,
                MinInterval = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(interval), 0, 86_400)),
                Metrics = new MetricsOptions { Top = parse.GetValue(top) },
            },
            output)));
        return command;
    }

    // Resolved once now, so a bad host, namespace or name is exit 2 at the start rather than a failed collection on each scrape.
    private static Func<HostSelection> Targets(HostOptions hosts, ParseResult parse, Engine.FrontEnd.IEngineOutput output, string? node)
    {
        hosts.Resolve(parse, output, node).Dispose();
        return () => hosts.Resolve(parse, output, node);
    }

    // A node name is a label value and a terminal line: printable, and short enough for either.
    private static string? NodeName(string? name) => name is null ? null
        : name.Length is > 0 and <= 253 && !name.Any(char.IsControl) && !name.Any(char.IsWhiteSpace) ? name
        : throw CommandRunner.InputError("node-name", $"'{Engine.Text.PrintableText.Of(name, 100)}' is not a node name (1 to 253 printable characters, no spaces).");
}
