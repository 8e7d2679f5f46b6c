using TwTools.Engine.Diagnostics;
using TwTools.Cli.Commands;
using TwTools.Engine.Fleet;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Namespaces;

namespace TwTools.Cli.Runs;

/// <summary>Runs a command's work on each host (this machine by default) and folds the hosts' exit codes into the worst.</summary>
internal static class FleetRun
{
    /// <param name="onFailure">Told each target that failed, after its errors were written.</param>
    public static int Run<T>(
        HostSelection hosts, string activity, FleetRunner.HostWork<T> work, ShouldProcess shouldProcess, IEngineOutput output, Func<T, int> onResult, Action<HostFailure>? onFailure = null)
    {
        var worst = ExitCodes.Success;
        foreach (var outcome in FleetRunner.Run(hosts.Hosts ?? [new LocalKernelHost()], hosts.Throttle, activity, work, shouldProcess, output))
        {
            if (outcome.Vanished)
            {
                outcome.Errors.ToList().ForEach(output.WriteWarning);
                continue;
            }

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

            onFailure?.Invoke(Failure(hosts, activity, outcome));
            worst = Math.Max(worst, outcome.IsInputError ? ExitCodes.InvalidInput
                : outcome.Errors.Any(e => e.Id == TwErrorIds.Remote.OutcomeUnknown) ? ExitCodes.OutcomeUnknown
                : ExitCodes.Failed);
        }

        return worst;
    }

    // A namespace target fails as its machine and namespace, so its metrics series carry the same labels as its results.
    private static HostFailure Failure<T>(HostSelection hosts, string activity, HostOutcome<T> outcome)
    {
        var error = outcome.Errors.FirstOrDefault(e => e.IsError);
        var ns = (hosts.Hosts ?? []).OfType<NamespaceKernelHost>().FirstOrDefault(h => h.Name == outcome.Host);
        return new HostFailure(ns?.Machine ?? outcome.Host, activity, error?.Id ?? TwErrorIds.Host.Unexpected, error?.Message ?? string.Empty) { NetworkNamespace = ns?.Namespace };
    }
}
