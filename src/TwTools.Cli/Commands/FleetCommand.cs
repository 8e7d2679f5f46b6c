using TwTools.Engine.Fleet;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.LocalMachine;

namespace TwTools.Cli.Commands;

/// <summary>Runs a command's work on each host (this machine by default) and folds the hosts' exit codes into the worst.</summary>
internal static class FleetCommand
{
    public static int Run<T>(
        IReadOnlyList<IKernelHost>? hosts, int throttle, string activity, FleetRunner.HostWork<T> work, ShouldProcess shouldProcess, IEngineOutput output, Func<T, int> onResult)
    {
        var worst = ExitCodes.Success;
        foreach (var outcome in FleetRunner.Run(hosts ?? [new LocalKernelHost()], throttle, activity, work, shouldProcess, output))
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

            worst = Math.Max(worst, outcome.IsInputError ? ExitCodes.InvalidInput : ExitCodes.Failed);
        }

        return worst;
    }
}
