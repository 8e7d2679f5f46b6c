using System.Runtime.InteropServices;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Interop;

namespace TwTools.Engine.LocalMachine;

/// <summary>
/// An exclusive flock(2) on a directory. Locking /proc/sys/net/ipv4 itself serialises applies on a
/// host without leaving a lock file anywhere, and works even where /proc/sys is read-only.
/// </summary>
internal sealed class DirectoryLock : IDisposable
{
    private int _fd;

    private DirectoryLock(int fd) => _fd = fd;

    public static DirectoryLock Acquire(string directory, string host, TimeSpan timeout, CancellationToken cancellation, KernelFiles? files = null)
    {
        // /proc/sys/net/ipv4 opened in the target namespace is that namespace's own directory: applies to different namespaces do not wait for each other.
        var fd = (files ?? KernelFiles.Direct).Open(directory, Libc.O_RDONLY | Libc.O_DIRECTORY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var errno = -fd;
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.ReadFailed, TwErrorCategory.ReadError, $"{host}: cannot open {directory} to lock it: {Libc.Describe(errno)}"));
        }

        var deadline = DateTime.UtcNow + timeout;
        while (Libc.Flock(fd, Libc.LOCK_EX | Libc.LOCK_NB) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno != Libc.EWOULDBLOCK && errno != Libc.EINTR)
            {
                Libc.Close(fd);
                throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Apply.LockTimeout, TwErrorCategory.ResourceBusy, $"{host}: cannot lock {directory}: {Libc.Describe(errno)}"));
            }

            if (DateTime.UtcNow >= deadline || cancellation.IsCancellationRequested)
            {
                Libc.Close(fd);
                cancellation.ThrowIfCancellationRequested();
                throw new TwOperationException(TwDiagnostic.Error(
                    TwErrorIds.Apply.LockTimeout,
                    TwErrorCategory.ResourceBusy,
                    $"{host}: another apply has held the lock for more than {timeout.TotalSeconds:0} s; try again when it has finished"));
            }

            Thread.Sleep(25);
        }

        return new DirectoryLock(fd);
    }

    public void Dispose()
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            Libc.Close(fd);
        }
    }
}
