using System.Runtime.InteropServices;
using System.Text;
using TwTools.Engine.Interop;

namespace TwTools.Engine.LocalMachine;

/// <summary>/proc/sys access through libc, so the kernel's errno reaches the caller unchanged.</summary>
internal sealed class LibcProcSysAccess : IProcSysAccess
{
    private const int OTrunc = 0x200;

    public int CheckWritable(string path) =>
        Libc.Access(path, Libc.W_OK) == 0 ? 0 : Marshal.GetLastPInvokeError();

    public unsafe int Write(string path, string value)
    {
        var fd = Libc.Open(path, Libc.O_WRONLY | OTrunc | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
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

    public string? Read(string path) => ProcSysFile.Read(path)?.TrimEnd('\n');
}
