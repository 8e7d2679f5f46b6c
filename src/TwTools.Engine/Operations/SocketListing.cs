using TwTools.Engine.Hosting;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Operations;

/// <summary>
/// Get-TcpSocketState and <c>twtools sockets</c>: sockets streamed as objects (owners looked up only
/// when asked), or counted per state without keeping any.
/// </summary>
public static class SocketListing
{
    public static IEnumerable<TcpSocket> List(ISocketSource source, SocketFilter filter, string hostName, SystemPaths paths, bool includeProcess, IEngineHost host)
    {
        var owners = SocketOwnerIndex.Empty;
        if (includeProcess)
        {
            owners = SocketOwnerIndex.Build(paths.ProcRoot, host.Cancellation);
            host.WriteVerbose($"Found {owners.Count} sockets held open by processes under {paths.ProcRoot}.");
        }

        host.WriteVerbose($"Reading TCP sockets ({filter.States}) from {source.Name}.");
        foreach (var record in source.Read(filter, host.Cancellation))
        {
            yield return TcpSocket.From(record, hostName, owners.Find(record.Inode));
        }
    }

    public static SocketSummary Summarize(ISocketSource source, SocketFilter filter, string hostName, SystemPaths paths, IEngineHost host) =>
        SocketSummary.Count(hostName, source, filter, SocketSources.ReadSockstat(paths), host.Cancellation);

    /// <summary>Counts for any host, with the kernel totals that host reported.</summary>
    public static SocketSummary Summarize(HostSockets sockets, SocketFilter filter, IEngineHost host) =>
        SocketSummary.Count(sockets.HostName, sockets.Source, filter, sockets.Sockstat, host.Cancellation);
}
