using TwTools.Cli.Commands;
using TwTools.Engine.Exhaustion;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Operations;
using TwTools.Engine.Policy;

namespace TwTools.Cli.Runs;

/// <summary>What <c>twtools exporter</c> was asked: what to collect on each scrape, and where to serve it.</summary>
internal sealed record ExporterRunOptions(Func<HostSelection> Targets, string? PolicyPath, ListenAddress Listen)
{
    public string TelemetryPath { get; init; } = "/metrics";

    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(15);

    public MetricsOptions Metrics { get; init; } = new();

    public SocketRequest Sockets { get; init; } = new();
}

/// <summary>
/// <c>twtools exporter</c>: the series <c>exhaustion</c> and <c>test --policy</c> export, served over HTTP on every scrape
/// instead of written to a textfile. Targets are found anew for each collection, since containers come and go.
/// </summary>
internal static class ExporterRun
{
    public static int Run(ExporterRunOptions options, IEngineOutput output)
    {
        options.Metrics.Validate();
        if (!options.TelemetryPath.StartsWith('/') || options.TelemetryPath == "/")
        {
            throw CommandRunner.InputError("web.telemetry-path", "the telemetry path must start with / and name more than the landing page (for example /metrics).");
        }

        var policy = options.PolicyPath is null ? null : CliPolicies.Load(options.PolicyPath, output);
        using var cache = new ScrapeCache(stopping => Collect(options, policy, output), options.MinInterval, e => output.WriteWarning(
            TwDiagnostic.Warning(Engine.Diagnostics.TwErrorIds.Host.Unexpected, $"a collection failed as a whole: {Engine.Text.PrintableText.Of(e.Message, 500)}")));
        var what = policy is null ? "port pressure per destination" : $"port pressure per destination and compliance with policy '{policy.Name}'";
        MetricsServer.Serve(options.Listen, options.TelemetryPath, cache, MetricsServer.Landing(options.TelemetryPath, what), output.WriteInformation, output.Cancellation);
        return ExitCodes.Success;
    }

    private static string Collect(ExporterRunOptions options, TwPolicy? policy, IEngineOutput output)
    {
        using var targets = options.Targets();
        var metrics = options.Metrics with { Now = DateTimeOffset.UtcNow };
        var reports = new List<PortExhaustionReport>();
        var failed = new List<HostFailure>();
        FleetRun.Run(targets, "Checking ephemeral ports", (target, relay, _) => PortExhaustionAnalysis.ForHost(target, options.Sockets, new PortExhaustionOptions(), relay),
            (_, _) => false, output, report => { reports.Add(report); return ExitCodes.Success; }, failed.Add);
        var text = MetricsExport.Exhaustion(reports, failed, metrics);
        if (policy is null)
        {
            return text;
        }

        var judged = new List<IReadOnlyList<KernelSettingState>>();
        var unjudged = new List<HostFailure>();
        FleetRun.Run(targets, "Reading kernel settings", (target, relay, _) => KernelPolicyQuery.Run(target, policy, relay, surveyNamespaces: false),
            (_, _) => false, output, states => { judged.Add(states); return ExitCodes.Success; }, unjudged.Add);
        return text + MetricsExport.Policy(judged, unjudged, metrics);
    }
}
