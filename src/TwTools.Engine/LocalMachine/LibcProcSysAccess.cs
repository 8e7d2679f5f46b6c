using System.Runtime.InteropServices;
using System.Text;
using TwTools.Engine.Interop;

namespace TwTools.Engine.LocalMachine;

/// <summary>/proc/sys access through libc, so the kernel's errno reaches the caller unchanged.</summary>
internal sealed class LibcProcSysAccess(KernelFiles? files = null) : IProcSysAccess
{
    private const int OTrunc = 0x200;
    private readonly KernelFiles _files = files ?? KernelFiles.Direct;

    public int CheckWritable(string path)
    {
        if (_files.IsDirect)
        {
            return Libc.Access(path, Libc.W_OK) == 0 ? 0 : Marshal.GetLastPInvokeError();
        }

        // In another namespace access(2) would ask this thread's: opening for writing asks the right one, and writes nothing.
        var fd = _files.Open(path, Libc.O_WRONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            return -fd;
        }

        Libc.Close(fd);
        return 0;
    }

    public unsafe int Write(string path, string value)
    {
        var fd = _files.Open(path, Libc.O_WRONLY | OTrunc | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            return -fd;
        }

        try
        {
            // Each piece in one write(2) on the same descriptor: the kernel parses a write per call, and for a long port
            // list it replaces the list on the first and adds to it on the rest (ProcSysFile says why pieces).
            foreach (var piece in ProcSysFile.Pieces(value))
            {
                var bytes = Encoding.ASCII.GetBytes(piece);
                fixed (byte* buffer = bytes)
                {
                    var written = Libc.Write(fd, buffer, (nuint)bytes.Length);
                    if (written < 0)
                    {
                        return Marshal.GetLastPInvokeError();
                    }

                    if (written != bytes.Length)
                    {
                        return Libc.EIO;
                    }
                }
            }

            return 0;
        }
        catch (IOException)
        {
            return Libc.EINVAL;
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    public string? Read(string path) => ProcSysFile.Read(path, _files)?.TrimEnd('\n');
}
