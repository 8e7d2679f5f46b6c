using System.Runtime.InteropServices;
using System.Text;
using TwTools.Engine.Interop;

namespace TwTools.Engine.LocalMachine;

/// <summary>
/// A /proc/sys file as the kernel serves it. A large bitmap such as ip_local_reserved_ports answers only the
/// first read(2) (a read at a later offset returns nothing), so a value is read in one call into a buffer
/// larger than any value; and it parses one page of a write at a time, replacing the list on the first
/// write and adding to it on later ones, so a long list is written in pieces that each end after a comma.
/// </summary>
internal static class ProcSysFile
{
    /// <summary>Room for the longest value the kernel prints: every port listed singly is under 400 KB.</summary>
    private const int ReadBuffer = 1 << 20;

    /// <summary>A piece of a write: well under a page, and ending at a separator so no number is cut.</summary>
    public const int LocalPiece = 3072;

    /// <summary>The file's text, or null when there is no such file; the caller names the file in any other failure.</summary>
    public static string? Read(string path, KernelFiles? files = null)
    {
        files ??= KernelFiles.Direct;
        // Most values are a few bytes: a small buffer first, and the large one only when the small one came back full.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 14);
        try
        {
            var read = ReadOnce(path, buffer, files);
            if (read == buffer.Length)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                buffer = new byte[ReadBuffer];
                read = ReadOnce(path, buffer, files);
            }

            return read < 0 ? null : Encoding.UTF8.GetString(buffer, 0, read);
        }
        finally
        {
            if (buffer.Length < ReadBuffer)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>One open and one read(2) from offset 0; -1 when there is no such file.</summary>
    private static unsafe int ReadOnce(string path, byte[] buffer, KernelFiles files)
    {
        var fd = files.Open(path, Libc.O_RDONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var errno = -fd;
            return errno is Libc.ENOENT or Libc.ENOTDIR ? -1
                : errno is Libc.EACCES or Libc.EPERM ? throw new UnauthorizedAccessException(Libc.Describe(errno))
                : throw new IOException(Libc.Describe(errno));
        }

        try
        {
            fixed (byte* start = buffer)
            {
                var read = Libc.Read(fd, start, (nuint)buffer.Length);
                return read >= 0 ? (int)read : throw new IOException(Libc.Describe(Marshal.GetLastPInvokeError()));
            }
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    /// <summary>The text written for <paramref name="value"/>, in the pieces that go to write(2) one by one on one descriptor.</summary>
    /// <param name="piece">The longest piece: one write(2) each here; a remote shell's printf goes through a stdio buffer that may be as small as 1 KiB.</param>
    public static IReadOnlyList<string> Pieces(string value, int piece = LocalPiece)
    {
        var text = value + "\n";
        if (text.Length <= piece)
        {
            return [text];
        }

        var pieces = new List<string>();
        var start = 0;
        while (text.Length - start > piece)
        {
            var cut = text.LastIndexOf(',', start + piece - 1, piece);
            if (cut < start)
            {
                throw new IOException("the value has no separator within a page, so the kernel cannot take it whole");
            }

            pieces.Add(text[start..(cut + 1)]);
            start = cut + 1;
        }

        pieces.Add(text[start..]);
        return pieces;
    }
}
