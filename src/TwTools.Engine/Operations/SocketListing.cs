using TwTools.Engine.Diagnostics;
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

    /// <summary>
    /// Get-TcpSocketState on any host: the summary rows (each carrying the kernel's totals) or the sockets.
    /// Owners come from this machine's /proc, so they cannot be asked of a remote host.
    /// </summary>
    // A capture stands instead of a host: it cannot be read "on" a remote one, nor own local processes,
    // and it carries no kernel totals (so its summary rows have none, rather than this machine's).
    private static IEnumerable<object> FromCapture(IKernelHost target, string capture, SocketFilter filter, bool summary, bool includeProcess, SystemPaths paths, IEngineHost host)
    {
        if (includeProcess || target is not LocalKernelHost)
        {
            throw new TwException(TwDiagnostic.Error(TwErrorIds.InvalidArgument, TwErrorCategory.InvalidArgument,
                includeProcess
                    ? "-IncludeProcess looks up owners on this machine, which cannot own the sockets of a capture; drop one of -IncludeProcess and -Path"
                    : "-Path reads a capture instead of a host; it cannot be combined with -HostName or -Session") with { Field = "Path" });
        }

        var recorded = RecordedSocketSource.FromFile(capture);
        return summary
            ? SocketSummary.Count(capture, recorded, filter, new SockstatCounters(), host.Cancellation).States.Select(s => s with { Kernel = null })
            : List(recorded, filter, capture, paths, includeProcess: false, host);
    }

    /// <param name="sourceKind">How this machine's sockets are read; a remote host's come with its read answer.</param>
    /// <param name="capture">A capture file to read instead of the host (the host's own kernel totals are not read then).</param>
    public static IEnumerable<object> ForHost(IKernelHost target, SocketFilter filter, bool summary, bool includeProcess, SystemPaths paths, IEngineHost host, SocketSourceKind sourceKind = SocketSourceKind.Automatic, string? capture = null)
    {
        if (capture is not null)
        {
            return FromCapture(target, capture, filter, summary, includeProcess, paths, host);
        }

        var sockets = HostSockets.Open(target, paths, sourceKind, host.Cancellation);
        if (includeProcess && !sockets.IsLocal)
        {
            throw new TwException(TwDiagnostic.Error(TwErrorIds.InvalidArgument, TwErrorCategory.InvalidArgument, $"{target.Name}: -IncludeProcess reads this machine's /proc and cannot name a remote host's processes.") with { Field = "IncludeProcess" });
        }

        if (!summary)
        {
            return List(sockets.Source, filter, sockets.HostName, paths, includeProcess, host);
        }

        var counts = Summarize(sockets, filter, host);
        // Verbose, not information: a summary assigned to a variable must print nothing.
        host.WriteVerbose($"{counts.Host}: kernel: {counts.Kernel.InUse} in use, {counts.Kernel.TimeWait} TIME_WAIT, {counts.Kernel.Orphans} orphans");
        return counts.States;
    }
}
