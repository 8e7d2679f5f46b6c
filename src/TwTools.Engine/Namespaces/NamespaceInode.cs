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

    /// <summary>This thread's own network namespace.</summary>
    public static long Current() => Of("/proc/thread-self/ns/net");

    /// <summary>The namespace of process 1, which is the host's wherever TwTools itself runs; -errno without the right to look.</summary>
    public static long Host() => Of("/proc/1/ns/net");
}
