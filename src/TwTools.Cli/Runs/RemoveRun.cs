using System.Text.Json;
using TwTools.Cli.Output;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;
using TwTools.Engine.Text;

namespace TwTools.Cli.Runs;

/// <summary>What <c>twtools remove</c> was asked: the policy whose file goes, how, and where.</summary>
internal sealed record RemoveRunOptions(string PolicyPath, ApplyOptions Apply, HostSelection Hosts)
{
    public bool WhatIf { get; init; }

    public bool Json { get; init; }
}

/// <summary><c>twtools remove</c>: the engine's one removal operation on each host, one line (or JSON object) per host.</summary>
internal static class RemoveRun
{
    public static int Run(RemoveRunOptions options, IEngineOutput output, CliStreams streams)
    {
        using var targets = options.Hosts;
        var policy = CliPolicies.Load(options.PolicyPath, output);
        var shouldProcess = WhatIf.Asking(options.WhatIf, output);
        var results = new List<PolicyRemovalResult>();
        using var stdout = streams.Text();
        var exit = FleetRun.Run(
            options.Hosts,
            $"Removing policy '{policy.Name}'",
            (target, relay, ask) => PolicyRemoveOperation.Run(target, policy, options.Apply, ask, relay),
            shouldProcess,
            output,
            result =>
            {
                results.Add(result);
                if (!options.Json)
                {
                    var state = result.Removed ? "removed" : result.WouldRemove ? "would be removed" : "not there";
                    stdout.WriteLine(TerminalText.Escape($"{result.Host}: {result.File}: {state}"));
                    stdout.Flush();
                }

                return ExitCodes.Success;
            });
        if (options.Json)
        {
            stdout.WriteLine(JsonSerializer.Serialize(results, CliJsonContext.Default.ListPolicyRemovalResult));
        }

        return exit;
    }
}
