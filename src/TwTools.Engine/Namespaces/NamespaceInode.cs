using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TwTools.Engine.Interop;

namespace TwTools.Engine.Namespaces;

/// <summary>A namespace file's identity: the nsfs inode behind /proc/PID/ns/net or a bind mount such as /run/netns/NAME.</summary>
internal static class NamespaceInode
{
    /// <summary>The inode, or -errno (ENOENT: gone; EACCES: another user's process).</summary>
    public static unsafe long Of(string path)
    {
        var buffer = stackalloc byte[256];
        if (Libc.Statx(Libc.AT_FDCWD, path, 0, Libc.STATX_INO, buffer) != 0)
        {
            return -Marshal.GetLastPInvokeError();
        }

        // struct statx: stx_ino is the u64 at offset 32.
        return (long)BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(buffer + 32, 8));
    }

    /// <summary>
    /// The inode of a namespace file named by path (/run/netns/NAME, a runtime's file), or -errno; -EINVAL when the path
    /// is an ordinary file, such as the mount point a deleted namespace leaves, or one a mount namespace never received.
    /// </summary>
    public static long OfNamespaceFile(string path)
    {
        // Every namespace file lives on the one nsfs device, so a device that differs from this thread's own says "not one".
        if (FileIdentity(path) is not { } file)
        {
            return Of(path);
        }

        return FileIdentity("/proc/thread-self/ns/net") is { } own && (own.Major, own.Minor) != (file.Major, file.Minor) ? -Libc.EINVAL : (long)file.Inode;
    }

    /// <summary>This thread's own network namespace.</summary>
    public static long Current() => Of("/proc/thread-self/ns/net");

    /// <summary>
    /// The process whose namespaces are the host's: 1 (init), wherever TwTools itself runs. TWTOOLS_HOST_PID names
    /// another, for tests run where process 1 is not the machine's init.
    /// </summary>
    public static string HostProcess =>
        Environment.GetEnvironmentVariable("TWTOOLS_HOST_PID") is { Length: > 0 } pid && int.TryParse(pid, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p > 0
            ? p.ToString(System.Globalization.CultureInfo.InvariantCulture) : "1";

    /// <summary>The host's network namespace; -errno without the right to look at its process.</summary>
    public static long Host() => Of($"/proc/{HostProcess}/ns/net");

    /// <summary>Device and inode of a file, following links: whether two paths are one file. Null when it cannot be looked at.</summary>
    public static unsafe (uint Major, uint Minor, ulong Inode)? FileIdentity(string path)
    {
        var buffer = stackalloc byte[256];
        if (Libc.Statx(Libc.AT_FDCWD, path, 0, Libc.STATX_INO, buffer) != 0)
        {
            return null;
        }

        // struct statx: stx_ino at 32, stx_dev_major and stx_dev_minor at 136 and 140.
        var span = new ReadOnlySpan<byte>(buffer, 256);
        return (BinaryPrimitives.ReadUInt32LittleEndian(span[136..]), BinaryPrimitives.ReadUInt32LittleEndian(span[140..]), BinaryPrimitives.ReadUInt64LittleEndian(span[32..]));
    }
}
