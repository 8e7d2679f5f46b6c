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
    public bool Json { get; init; }

    public bool Judge { get; init; }
}

/// <summary><c>twtools kernel</c> / <c>test</c>: each host's TIME_WAIT settings from the engine's query, optionally judged.</summary>
internal static class KernelRun
{
    public static int Run(KernelRunOptions options, IEngineOutput output, CliStreams streams)
    {
        var policy = options.PolicyPath is null ? null : CliPolicies.Load(options.PolicyPath, output);
        var all = new List<KernelSettingState>();
        using var stdout = streams.Text();
        var exit = FleetRun.Run(
            options.Hosts,
            "Reading kernel settings",
            (target, relay, _) => KernelPolicyQuery.Run(target, policy, relay),
            (_, _) => false,
            output,
            states =>
            {
                all.AddRange(states);
                if (!options.Json)
                {
                    stdout.Write(TerminalText.EscapeKeepingLines(KernelText.Render(states, policy is not null)));
                    stdout.Flush();
                }

                var compliant = KernelPolicyQuery.IsCompliant(states);
                if (options.Judge)
                {
                    output.WriteInformation(compliant
                        ? $"{states[0].Host}: complies with policy '{policy!.Name}'."
                        : $"{states[0].Host}: does not comply with policy '{policy!.Name}': {states.Count(s => s.Compliant == false)} key(s) differ.");
                }

                return options.Judge && !compliant ? ExitCodes.NotCompliant : ExitCodes.Success;
            });
        if (options.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(all, CliJsonContext.Default.ListKernelSettingState));
        }

        return exit;
    }
}
