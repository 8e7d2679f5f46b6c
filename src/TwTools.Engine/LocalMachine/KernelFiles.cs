using System.Runtime.InteropServices;
using TwTools.Engine.Interop;

namespace TwTools.Engine.LocalMachine;

/// <summary>
/// Where a local host's /proc files and netlink sockets are opened. /proc/sys/net and netlink answer for the network
/// namespace of the thread that opens them, and keep it for the life of the descriptor: this class opens them in the
/// caller's namespace; <see cref="Namespaces.NamespaceFiles"/> opens them in another one. Descriptors, or -errno.
/// </summary>
internal class KernelFiles
{
    public static KernelFiles Direct { get; } = new();

    public virtual int Open(string path, int flags)
    {
        var fd = Libc.Open(path, flags);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    public virtual int Socket(int domain, int type, int protocol)
    {
        var fd = Libc.Socket(domain, type, protocol);
        return fd >= 0 ? fd : -Marshal.GetLastPInvokeError();
    }

    /// <summary>Whether the whole file could be read as this process's own /proc/... path (File.Exists and the like).</summary>
    public virtual bool IsDirect => true;
}
