using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using TwTools.Engine.Interop;

namespace TwTools.Engine.Files;

/// <summary>
/// Opens a file TwTools reads as input (a policy, a hosts file, a capture, a sysctl.d entry) the way a
/// hostile file cannot exploit: without blocking (a FIFO would wait forever for a writer), refusing
/// anything that is not a regular file (a FIFO, /dev/zero, a directory), and within a size limit, all
/// checked on the opened descriptor so nothing can be swapped in between check and read.
/// </summary>
public static class RegularFile
{
    /// <summary>Opens <paramref name="path"/> for reading, or throws <see cref="RegularFileException"/> saying why not.</summary>
    public static FileStream OpenRead(string path, long? maxBytes = null)
    {
        if (path.Contains('\uFFFD', StringComparison.Ordinal))
        {
            // .NET decodes a name that is not UTF-8 with replacement characters, and cannot open it by that name.
            throw new RegularFileException(path, RegularFileProblem.NameNotUtf8, "its name is not valid UTF-8; rename it");
        }

        var fd = Libc.Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_NOCTTY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno is Libc.ENOENT or Libc.ENOTDIR
                ? new RegularFileException(path, RegularFileProblem.NotFound, "no such file")
                : new RegularFileException(path, RegularFileProblem.Unreadable, Libc.Describe(errno));
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var (type, size) = Describe(fd, path);
            if (type != RegularType)
            {
                throw new RegularFileException(path, RegularFileProblem.NotRegular, $"it is {TypeName(type)}, not a regular file");
            }

            if (maxBytes is { } limit && size > limit)
            {
                throw new RegularFileException(path, RegularFileProblem.TooLarge, $"it holds {size} bytes, more than the {Size(limit)} such a file may hold");
            }

            return new FileStream(handle, FileAccess.Read, bufferSize: 1 << 16);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>The whole file as UTF-8 text, within the limit; bytes that are not UTF-8 read as U+FFFD (sysctl.d files may be Latin-1).</summary>
    public static string ReadAllText(string path, long maxBytes)
    {
        using var reader = new StreamReader(new MemoryStream(ReadAllBytes(path, maxBytes)), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>The whole file, within the limit (a file that grows past it while read is refused too).</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes)
    {
        using var stream = OpenRead(path, maxBytes);
        using var bytes = new MemoryStream();
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (bytes.Length + read > maxBytes)
            {
                throw new RegularFileException(path, RegularFileProblem.TooLarge, $"it holds more than the {Size(maxBytes)} such a file may hold");
            }

            bytes.Write(buffer, 0, read);
        }

        return bytes.ToArray();
    }

    private const int TypeMask = 0xF000;
    private const int RegularType = 0x8000;

    private static unsafe (int Type, long Size) Describe(int fd, string path)
    {
        var buffer = stackalloc byte[256];
        if (Libc.Statx(fd, string.Empty, Libc.AT_EMPTY_PATH, Libc.STATX_TYPE | Libc.STATX_SIZE, buffer) != 0)
        {
            throw new RegularFileException(path, RegularFileProblem.Unreadable, Libc.Describe(Marshal.GetLastPInvokeError()));
        }

        // struct statx: stx_mode is the u16 at offset 28, stx_size the u64 at offset 40.
        var span = new ReadOnlySpan<byte>(buffer, 256);
        return (BinaryPrimitives.ReadUInt16LittleEndian(span[28..]) & TypeMask, (long)BinaryPrimitives.ReadUInt64LittleEndian(span[40..]));
    }

    private static string TypeName(int type) => type switch
    {
        0x1000 => "a FIFO",
        0x2000 => "a character device",
        0x4000 => "a directory",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "a special file",
    };

    private static string Size(long bytes) => bytes >= 1 << 20 ? $"{bytes >> 20} MiB" : $"{bytes >> 10} KiB";
}
