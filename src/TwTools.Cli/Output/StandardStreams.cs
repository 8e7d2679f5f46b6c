using System.Runtime.InteropServices;
using System.Text;

namespace TwTools.Cli.Output;

/// <summary>
/// The process's stdout and stderr, guarded. A descriptor the caller closed is taken first by /dev/null opened
/// read-only, so no file TwTools opens later (a lock, a sysctl.d temp file) can become "stdout" and take its output,
/// and a write to it fails, which the guard notes.
/// </summary>
internal static partial class StandardStreams
{
    private const int FGetFd = 1;
    private const int Ebadf = 9;

    public static GuardedStream Output { get; private set; } = new(Stream.Null, "stdout");

    public static GuardedStream Error { get; private set; } = new(Stream.Null, "stderr");

    public static void Install()
    {
        for (var fd = 0; fd <= 2; fd++)
        {
            if (Fcntl(fd, FGetFd) < 0 && Marshal.GetLastPInvokeError() == Ebadf)
            {
                // open() returns the lowest free descriptor: the one that was closed.
                Open("/dev/null", 0);
            }
        }

        Output = new GuardedStream(Console.OpenStandardOutput(), "stdout");
        Error = new GuardedStream(Console.OpenStandardError(), "stderr");
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Console.SetOut(new StreamWriter(Output, utf8, bufferSize: 1 << 12) { AutoFlush = true });
        Console.SetError(new StreamWriter(Error, utf8, bufferSize: 1 << 12) { AutoFlush = true });
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
