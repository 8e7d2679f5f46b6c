using System.Text.Json;
using TwTools.Cli.Commands;
using TwTools.Cli.Output;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;
using TwTools.Engine.Text;

namespace TwTools.Cli.Runs;

/// <summary>What <c>twtools apply</c> was asked: the policy file, how to apply it, and where.</summary>
internal sealed record ApplyRunOptions(string PolicyPath, ApplyOptions Apply, HostSelection Hosts)
{
    public bool WhatIf { get; init; }

    public bool Json { get; init; }
}

/// <summary><c>twtools apply</c>: the policy applied on each host by the engine's one apply operation, reported per host.</summary>
internal static class ApplyRun
{
    public static int Run(ApplyRunOptions options, IEngineOutput output, CliStreams streams)
    {
        using var targets = options.Hosts;
        var policy = CliPolicies.Load(options.PolicyPath, output);
        var shouldProcess = WhatIf.Asking(options.WhatIf, output);
        var results = new List<SettingApplyResult>();
        using var stdout = streams.Text();
        var exit = FleetRun.Run(
            options.Hosts,
            $"Applying policy '{policy.Name}'",
            (target, relay, ask) => PolicyApplyOperation.Run(target, policy, options.Apply, ask, relay),
            shouldProcess,
            output,
            report =>
            {
                results.AddRange(report.Results);
                if (!options.Json)
                {
                    stdout.Write(TerminalText.EscapeKeepingLines(ApplyText.Render(report, streams.Width)));
                    stdout.Flush();
                }

                return ExitCodes.Success;
            });
        if (options.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(results, CliJsonContext.Default.ListSettingApplyResult));
        }

        return exit;
    }
}
