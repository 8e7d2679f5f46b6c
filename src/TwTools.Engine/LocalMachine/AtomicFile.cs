using System.Runtime.InteropServices;
using TwTools.Engine.Files;
using TwTools.Engine.Interop;

namespace TwTools.Engine.LocalMachine;

/// <summary>
/// Replaces a file so that a reader (or a boot after a crash) sees the old content or the new, never
/// half of one: temp file in the same directory, fsync, rename over the target, fsync the directory.
/// Every fsync is checked once and never retried: after a failed fsync the kernel may have dropped the
/// dirty pages, and a second fsync that succeeds proves nothing (the fsync-after-EIO trap). A failure
/// after the rename puts the previous file back, so "the host is as it was" stays true.
/// </summary>
internal static class AtomicFile
{
    /// <summary>The temp files this class makes are named so: hidden, and never matched by *.conf at boot.</summary>
    public const string TempMarker = ".twtools-";

    /// <param name="previous">The file's content before (null: there was none), to put back if the replace cannot be made durable.</param>
    public static void Write(string path, string content, string? previous)
    {
        var directory = Path.GetDirectoryName(path)!;
        // 0755 whatever the umask: under umask 000 a created sysctl.d would otherwise take files from any local user, which boot applies as root.
        TrustedDirectory.Create(directory, 0x1ED);
        WriteTemp(path, content, out var temp);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        try
        {
            SyncDirectory(directory);
        }
        catch (IOException e)
        {
            throw new IOException($"{e.Message}; {PutBack(path, previous)}", e);
        }
    }

    /// <summary>Removes <paramref name="path"/> durably (the directory is synced); if that cannot be made durable, the file is put back.</summary>
    public static void Remove(string path, string previous)
    {
        File.Delete(path);
        try
        {
            SyncDirectory(Path.GetDirectoryName(path)!);
        }
        catch (IOException e)
        {
            throw new IOException($"{e.Message}; {PutBack(path, previous)}", e);
        }
    }

    /// <summary>Removes temp files an apply that was killed (kill -9, power loss) left beside <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> RemoveStaleTemps(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var stale = Directory.EnumerateFiles(directory, $".{Path.GetFileName(path)}{TempMarker}*.tmp").ToList();
        stale.ForEach(File.Delete);
        return stale;
    }

    private static void WriteTemp(string path, string content, out string temp)
    {
        temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}{TempMarker}{Environment.ProcessId}.tmp");
        try
        {
            // Whoever can write the directory (a textfile directory is often the exporter's) could have put a
            // link at this name: unlink whatever is there, then create with O_EXCL, which never follows a link.
            File.Delete(temp);
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            var bytes = System.Text.Encoding.UTF8.GetBytes(content);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush();
            Sync(stream.SafeFileHandle.DangerousGetHandle().ToInt32(), temp);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(stream.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    private static string PutBack(string path, string? previous)
    {
        try
        {
            if (previous is null)
            {
                File.Delete(path);
                return $"{path} was removed again";
            }

            WriteTemp(path, previous, out var temp);
            File.Move(temp, path, overwrite: true);
            return $"the previous {path} was put back";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{path} now holds the new content, which may not survive a crash ({e.Message})";
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
            Sync(fd, directory);
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    private static void Sync(int fd, string what)
    {
        if (Libc.Fsync(fd) != 0)
        {
            throw new IOException($"fsync of {what} failed: {Libc.Describe(Marshal.GetLastPInvokeError())}");
        }
    }
}
