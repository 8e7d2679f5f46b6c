using TwTools.Engine.LocalMachine;

namespace TwTools.Engine.Sockets;

/// <summary>
/// Reads /proc/net/tcp and /proc/net/tcp6 under a proc root: the fallback where netlink is not
/// allowed (some containers, seccomp profiles), and the seam tests and <c>TWTOOLS_PROC_ROOT</c> use.
/// Slower than netlink on big tables because the kernel formats every line as text.
/// </summary>
internal sealed class ProcNetTcpSocketSource : ISocketSource
{
    private readonly SystemPaths _paths;

    public ProcNetTcpSocketSource(SystemPaths paths) => _paths = paths;

    public string Name => "/proc/net/tcp";

    // Opened where the host's paths say (in a namespace, its own /proc/net); null when the kernel has no such file (no IPv6).
    private Microsoft.Win32.SafeHandles.SafeFileHandle? Open(string path)
    {
        var fd = _paths.Files.Open(path, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
        return fd >= 0 ? new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true)
            : -fd is Interop.Libc.ENOENT or Interop.Libc.ENOTDIR ? null
            : throw new IOException($"cannot open {path}: {Interop.Libc.Describe(-fd)}");
    }

    public IEnumerable<TcpSocketRecord> Read(SocketFilter filter, CancellationToken cancellation)
    {
        foreach (var (file, family) in new[] { ("net/tcp", InetFamily.IPv4), ("net/tcp6", InetFamily.IPv6) })
        {
            var path = _paths.Proc(file);
            if (!filter.WantsFamily(family) || Open(path) is not { } handle)
            {
                continue;
            }

            // bufferSize 0: the records are parsed from our own buffer, a second copy is waste.
            using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            foreach (var record in ProcNetTcpText.Read(stream, filter, cancellation))
            {
                yield return record;
            }
        }
    }
}
