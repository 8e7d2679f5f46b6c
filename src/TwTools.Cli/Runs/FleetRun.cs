using TwTools.Engine.Diagnostics;
using TwTools.Cli.Commands;
using TwTools.Engine.Fleet;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.LocalMachine;

namespace TwTools.Cli.Runs;

/// <summary>Runs a command's work on each host (this machine by default) and folds the hosts' exit codes into the worst.</summary>
internal static class FleetRun
{
    /// <param name="onFailure">Told the name of each host that failed, after its errors were written.</param>
    public static int Run<T>(
        HostSelection hosts, string activity, FleetRunner.HostWork<T> work, ShouldProcess shouldProcess, IEngineOutput output, Func<T, int> onResult, Action<string>? onFailure = null)
    {
        var worst = ExitCodes.Success;
        foreach (var outcome in FleetRunner.Run(hosts.Hosts ?? [new LocalKernelHost()], hosts.Throttle, activity, work, shouldProcess, output))
        {
            if (outcome.Succeeded)
            {
                worst = Math.Max(worst, onResult(outcome.Result!));
                continue;
            }

            foreach (var diagnostic in outcome.Errors)
            {
                if (diagnostic.IsError)
                {
                    output.WriteError(diagnostic);
                }
                else
                {
                    output.WriteWarning(diagnostic);
                }
            }

            onFailure?.Invoke(outcome.Host);
            worst = Math.Max(worst, outcome.IsInputError ? ExitCodes.InvalidInput
                : outcome.Errors.Any(e => e.Id == TwErrorIds.Remote.OutcomeUnknown) ? ExitCodes.OutcomeUnknown
                : ExitCodes.Failed);
        }

        return worst;
    }
}
