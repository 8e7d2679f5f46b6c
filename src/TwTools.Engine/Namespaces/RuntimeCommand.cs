using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// Runs a container runtime's command line (podman, docker, crictl) to name and inspect its containers. Its answer is
/// hostile input like any host's: bounded in time and size, and a runtime that is not installed is simply absent.
/// </summary>
internal static class RuntimeCommand
{
    public const int MaxAnswerBytes = 8 << 20;

    public sealed record Answer(int ExitCode, string Output, string Error);

    /// <summary>The answer, or null when <paramref name="program"/> is not installed here.</summary>
    public static Answer? Run(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellation)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Plain text in the C locale: the answers are parsed, not shown as they come.
        info.Environment["LC_ALL"] = "C";
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        {
            process.StandardInput.Close();
            var output = Capped(process.StandardOutput.BaseStream);
            var error = Capped(process.StandardError.BaseStream);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            deadline.CancelAfter(timeout);
            try
            {
                process.WaitForExitAsync(deadline.Token).GetAwaiter().GetResult();
                return new Answer(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellation.ThrowIfCancellationRequested();
                return new Answer(-1, string.Empty, $"{program} did not answer within {timeout.TotalSeconds:0} s");
            }
        }
    }

    // At most MaxAnswerBytes are kept; the rest is read and dropped, so the runtime never blocks on a full pipe.
    private static async Task<string> Capped(Stream stream)
    {
        var kept = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            kept.Write(buffer, 0, (int)Math.Min(read, Math.Max(0, MaxAnswerBytes - kept.Length)));
        }

        return Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
    }
}
