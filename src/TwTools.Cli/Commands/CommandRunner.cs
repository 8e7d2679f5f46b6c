using System.Runtime.InteropServices;
using TwTools.Cli.Output;
using TwTools.Engine.Diagnostics;

namespace TwTools.Cli.Commands;

/// <summary>Runs a command body with the CLI's contract: errors to stderr, exceptions to exit codes, Ctrl+C to cancellation.</summary>
internal static class CommandRunner
{
    public static int Run(bool verbose, Func<ConsoleOutput, int> body)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        // systemctl stop, timeout(1) and a closed terminal stop an apply the way Ctrl+C does: through the
        // token, so writes already made are rolled back instead of the process dying between two of them.
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            cancellation.Cancel();
        }

        try
        {
            return WithOutputChecked(body(new ConsoleOutput(verbose, cancellation.Token)));
        }
        catch (TwOperationException e)
        {
            ConsoleOutput.WriteDiagnostics(e.Diagnostics);
            return e.IsInputError ? ExitCodes.InvalidInput : ExitCodes.Failed;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("twtools: stopped; the host was left as it was.");
            return ExitCodes.Failed;
        }
        catch (Exception e)
        {
            // The last resort for what the engine did not foresee: one clear error and exit 3, never a stack trace.
            ConsoleOutput.WriteDiagnostics([UnexpectedFailure.Of("localhost", e)]);
            return ExitCodes.Failed;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// The work is done when the body returns; a sink that failed on the way loses only output. That is said on stderr,
    /// blamed on no host, and given its own exit code, so "left as it was" (3) is never claimed for a host that changed.
    /// </summary>
    private static int WithOutputChecked(int exit)
    {
        if (StandardStreams.Output.Failure is not { } failure || exit is not (ExitCodes.Success or ExitCodes.NotCompliant))
        {
            return exit;
        }

        ConsoleOutput.WriteDiagnostics([TwDiagnostic.Error(TwErrorIds.Output.WriteFailed, TwErrorCategory.WriteError,
            $"the results could not be written ({failure}); the operation itself finished (any error or warning about a host is above), so run 'twtools kernel' or 'twtools test' to see the hosts as they are now")]);
        return ExitCodes.OutputLost;
    }

    public static TwOperationException InputError(string field, string message) =>
        new(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidArgument, TwErrorCategory.InvalidArgument, message) with { Field = field });
}
