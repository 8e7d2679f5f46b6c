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
        SocketSourceKind.Netlink => new NetlinkSocketSource(),
        SocketSourceKind.ProcFiles => new ProcNetTcpSocketSource(paths),
        _ => paths.ProcRoot == SystemPaths.Default.ProcRoot && NetlinkSocketSource.IsAvailable()
            ? new NetlinkSocketSource()
            : new ProcNetTcpSocketSource(paths),
    };

    public static SockstatCounters ReadSockstat(SystemPaths paths) =>
        SockstatCounters.Parse(TryRead(paths.Proc("net/sockstat")), TryRead(paths.Proc("net/sockstat6")));

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
