using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TwTools.Engine.Interop;

namespace TwTools.Engine.Files;

/// <summary>What lstat says of one path: its type, permission bits and owner. Links are not followed.</summary>
internal readonly record struct PathStatus(int Type, uint Mode, uint Owner)
{
    public const int DirectoryType = 0x4000;
    public const int LinkType = 0xA000;
    public const uint Sticky = 0x200;
    public const uint WritableByOthers = 0x12; // group or other write (0022)
    public const uint OpenToOthers = 0x3F;     // any group or other bit (0077)

    public bool IsDirectory => Type == DirectoryType;

    /// <summary>The path's status, or null when nothing is there; other failures are IOExceptions naming the path.</summary>
    public static unsafe PathStatus? Of(string path)
    {
        var buffer = stackalloc byte[256];
        if (Libc.Statx(Libc.AT_FDCWD, path, Libc.AT_SYMLINK_NOFOLLOW, Libc.STATX_TYPE | Libc.STATX_MODE | Libc.STATX_UID, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is Libc.ENOENT ? null : throw new IOException($"cannot look at {path}: {Libc.Describe(errno)}");
        }

        // struct statx: stx_uid is the u32 at offset 20, stx_mode the u16 at offset 28.
        var span = new ReadOnlySpan<byte>(buffer, 256);
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(span[28..]);
        return new PathStatus(mode & 0xF000, (uint)mode & 0xFFF, BinaryPrimitives.ReadUInt32LittleEndian(span[20..]));
    }

    public string Describe() => $"mode {Convert.ToString(Mode, 8).PadLeft(4, '0')}, owner uid {Owner}";
}
