using System.ComponentModel;
using System.Runtime.InteropServices;
using TwTools.Engine.Interop;

namespace TwTools.Engine.Sockets;

/// <summary>
/// A NETLINK_SOCK_DIAG socket opened with socket(2) directly: .NET's Socket refuses AF_NETLINK, and
/// plain send/recv on the descriptor is all a dump needs.
/// </summary>
internal sealed class NetlinkDiagSocket : IDisposable
{
    private int _fd;

    private NetlinkDiagSocket(int fd) => _fd = fd;

    /// <summary>A socket answers for the network namespace it was made in, so <paramref name="files"/> decides which.</summary>
    public static NetlinkDiagSocket Open(LocalMachine.KernelFiles? files = null)
    {
        var fd = (files ?? LocalMachine.KernelFiles.Direct).Socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_SOCK_DIAG);
        if (fd < 0)
        {
            throw Failure("socket(AF_NETLINK, NETLINK_SOCK_DIAG)", -fd);
        }

        return new NetlinkDiagSocket(fd);
    }

    public static Win32Exception Failure(string what, int errno) =>
        new(errno, $"{what} failed: {Libc.Describe(errno)} (errno {errno})");

    public unsafe void SendDumpRequest(byte family, ushort legacyType, uint states, uint sequence)
    {
        Span<byte> request = stackalloc byte[InetDiagMessages.LegacyRequestSize];
        if (family == 0)
        {
            InetDiagMessages.WriteLegacyDumpRequest(request, legacyType, states, sequence);
        }
        else
        {
            InetDiagMessages.WriteDumpRequest(request, family, states, sequence);
            request = request[..InetDiagMessages.RequestSize];
        }

        fixed (byte* bytes = request)
        {
            nint sent;
            do
            {
                sent = Libc.Send(_fd, bytes, (nuint)request.Length, 0);
            }
            while (sent < 0 && Marshal.GetLastPInvokeError() == Libc.EINTR);

            if (sent != request.Length)
            {
                throw Failure("send to sock_diag", Marshal.GetLastPInvokeError());
            }
        }
    }

    public unsafe int Receive(byte[] buffer)
    {
        fixed (byte* bytes = buffer)
        {
            while (true)
            {
                var received = Libc.Recv(_fd, bytes, (nuint)buffer.Length, 0);
                if (received >= 0)
                {
                    return (int)received;
                }

                var errno = Marshal.GetLastPInvokeError();
                if (errno != Libc.EINTR)
                {
                    throw Failure("recv from sock_diag", errno);
                }
            }
        }
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            Libc.Close(_fd);
            _fd = -1;
        }
    }
}
