using TwTools.Engine.LocalMachine;

namespace TwTools.Engine.Sockets;

/// <summary>Chooses the socket source for this machine, as ss does: netlink, else the /proc files.</summary>
internal static class SocketSources
{
    /// <summary>
    /// Netlink for the real /proc; the text files when a proc root points elsewhere (a fixture tree, as
    /// ss's PROC_ROOT) or when this process may not open a sock_diag socket.
    /// </summary>
    public static ISocketSource ForLocalHost(SystemPaths paths, SocketSourceKind kind = SocketSourceKind.Automatic) => kind switch
    {
        SocketSourceKind.Netlink => new NetlinkSocketSource(paths.Files),
        SocketSourceKind.ProcFiles => new ProcNetTcpSocketSource(paths),
        _ => paths.ProcRoot == SystemPaths.Default.ProcRoot && NetlinkSocketSource.IsAvailable(paths.Files)
            ? new NetlinkSocketSource(paths.Files)
            : new ProcNetTcpSocketSource(paths),
    };

    public static SockstatCounters ReadSockstat(SystemPaths paths) =>
        SockstatCounters.Parse(TryRead(paths, "net/sockstat"), TryRead(paths, "net/sockstat6"));

    private static string? TryRead(SystemPaths paths, string file)
    {
        try
        {
            return ProcSysFile.Read(paths.Proc(file), paths.Files);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
