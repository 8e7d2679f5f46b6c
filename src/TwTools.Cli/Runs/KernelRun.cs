using System.Text.Json;
using TwTools.Cli.Commands;
using TwTools.Cli.Output;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Operations;
using TwTools.Engine.Text;

namespace TwTools.Cli.Runs;

/// <summary>What <c>twtools kernel</c> and <c>twtools test</c> were asked; <see cref="Judge"/> makes non-compliance exit 1.</summary>
internal sealed record KernelRunOptions(string? PolicyPath, HostSelection Hosts)
{
    public OutputFormat Format { get; init; }

    public MetricsTarget Metrics { get; init; } = MetricsTarget.Stdout;

    public bool Judge { get; init; }
}

/// <summary><c>twtools kernel</c> / <c>test</c>: each host's TIME_WAIT settings from the engine's query, optionally judged.</summary>
internal static class KernelRun
{
    public static int Run(KernelRunOptions options, IEngineOutput output, CliStreams streams)
    {
        using var targets = options.Hosts;
        options.Metrics.Validate();
        if (options.Format == OutputFormat.Prometheus && options.PolicyPath is null)
        {
            throw CommandRunner.InputError("format", "Prometheus series say whether a host complies, so they need --policy.");
        }

        var policy = options.PolicyPath is null ? null : CliPolicies.Load(options.PolicyPath, output);
        var all = new List<KernelSettingState>();
        var perHost = new List<IReadOnlyList<KernelSettingState>>();
        var failed = new List<HostFailure>();
        using var stdout = streams.Text();
        var exit = FleetRun.Run(
            options.Hosts,
            "Reading kernel settings",
            (target, relay, _) => KernelPolicyQuery.Run(target, policy, relay, surveyNamespaces: !options.Judge),
            (_, _) => false,
            output,
            states =>
            {
                all.AddRange(states);
                perHost.Add(states);
                if (options.Format == OutputFormat.Table)
                {
                    stdout.Write(TerminalText.EscapeKeepingLines(KernelText.Render(states, policy is not null, streams.Width)));
                    stdout.Flush();
                }

                var compliant = KernelPolicyQuery.IsCompliant(states);
                if (options.Judge)
                {
                    output.WriteInformation(compliant
                        ? $"{TargetName.Of(states[0].Host, states[0].NetworkNamespace)}: complies with policy '{policy!.Name}'."
                        : $"{TargetName.Of(states[0].Host, states[0].NetworkNamespace)}: does not comply with policy '{policy!.Name}': {states.Count(s => s.Compliant == false)} key(s) differ.");
                }

                return options.Judge && !compliant ? ExitCodes.NotCompliant : ExitCodes.Success;
            },
            failed.Add);
        if (options.Format == OutputFormat.Prometheus && (options.Hosts.IsFleet || perHost.Count == 1))
        {
            options.Metrics.Write(MetricsExport.Policy(perHost, failed, options.Metrics.Options), MetricsExport.PolicyFile, stdout, output);
        }
        else if (options.Format == OutputFormat.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(all, CliJsonContext.Default.ListKernelSettingState));
        }

        return exit;
    }
}
