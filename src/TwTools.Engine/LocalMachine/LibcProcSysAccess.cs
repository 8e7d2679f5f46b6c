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
            // One write(2) call with the whole value: the kernel parses a sysctl write per call.
            var bytes = Encoding.ASCII.GetBytes(value + "\n");
            fixed (byte* buffer = bytes)
            {
                var written = Libc.Write(fd, buffer, (nuint)bytes.Length);
                if (written < 0)
                {
                    return Marshal.GetLastPInvokeError();
                }

                return written == bytes.Length ? 0 : Libc.EIO;
            }
        }
        finally
        {
            Libc.Close(fd);
        }
    }

    public string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path).TrimEnd('\n');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
