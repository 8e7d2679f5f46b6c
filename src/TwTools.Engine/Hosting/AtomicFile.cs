using System.Runtime.InteropServices;
using TwTools.Engine.Interop;

namespace TwTools.Engine.Hosting;

/// <summary>
/// Replaces a file so that a reader (or a boot after a crash) sees the old content or the new, never
/// half of one: temp file in the same directory, fsync, rename over the target, fsync the directory.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.twtools-{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(content);
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            File.Move(temp, path, overwrite: true);
            SyncDirectory(directory);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static void SyncDirectory(string directory)
    {
        var fd = Libc.Open(directory, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            throw new IOException($"cannot open {directory} to sync it: {Libc.Describe(Marshal.GetLastPInvokeError())}");
        }

        try
        {
            Libc.Fsync(fd);
        }
        finally
        {
            Libc.Close(fd);
        }
    }
}
