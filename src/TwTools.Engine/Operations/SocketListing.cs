using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Operations;

/// <summary>
/// Get-TcpSocketState and <c>twtools sockets</c>, on any host or a capture: sockets streamed as objects
/// (owners looked up only when asked), or counted per state without keeping any.
/// </summary>
public static class SocketListing
{
    /// <summary>
    /// The sockets a request means on <paramref name="target"/>. A capture stands instead of the host's
    /// sockets: it belongs to no process here and carries no kernel totals; the host still gives the
    /// kernel settings it is judged against, so a capture goes with this machine only.
    /// </summary>
    public static HostSockets Open(IKernelHost target, SocketRequest request, CancellationToken cancellation)
    {
        if (request.Capture is { } capture)
        {
            if (request.IncludeProcess)
            {
                throw InputError("process", "process owners (-IncludeProcess, --process) are looked up on this machine, which cannot own the sockets of a capture; drop either them or the capture file");
            }

            if (!target.IsThisMachine)
            {
                throw InputError("path", $"{target.Name}: a capture file (-Path, --from-file) is read instead of a host; it cannot be combined with a remote host");
            }

            return new HostSockets(capture, RecordedSocketSource.FromFile(capture), () => target.ReadKernel(cancellation), new SockstatCounters(), owners: null);
        }

        // Refused before the round trip: the answer could not be used.
        if (request.IncludeProcess && !target.IsThisMachine)
        {
            throw InputError("process", $"{target.Name}: process owners (-IncludeProcess, --process) come from this machine's /proc and cannot be named for a remote host");
        }

        return target.OpenSockets(request.SourceKind, cancellation);
    }

    public static IEnumerable<TcpSocket> List(HostSockets sockets, SocketRequest request, IEngineOutput output)
    {
        var owners = SocketOwnerIndex.Empty;
        if (request.IncludeProcess && sockets.Owners is { } find)
        {
            owners = find(output.Cancellation);
            output.WriteVerbose($"Found {owners.Count} sockets held open by processes.");
        }

        output.WriteVerbose($"Reading TCP sockets ({request.Filter.States}) from {sockets.Source.Name}.");
        foreach (var record in sockets.Source.Read(request.Filter, output.Cancellation))
        {
            yield return TcpSocket.From(record, sockets.HostName, owners.Find(record.Inode), sockets.Namespace);
        }
    }

    /// <summary>
    /// <c>twtools sockets</c>' table, written as UTF-8 straight from the source's records: the layout of
    /// <c>netstat -tan</c> (with <c>-p</c>'s PID/Program column when owners were asked for).
    /// </summary>
    public static void WriteTable(HostSockets sockets, SocketRequest request, Stream destination, IEngineOutput output)
    {
        var owners = request.IncludeProcess && sockets.Owners is { } find ? find(output.Cancellation) : null;
        output.WriteVerbose($"Reading TCP sockets ({request.Filter.States}) from {sockets.Source.Name}.");
        new SocketTableWriter(destination).Write(sockets.Source.Read(request.Filter, output.Cancellation), owners, output.Cancellation);
    }

    public static SocketSummary Summarize(HostSockets sockets, SocketRequest request, IEngineOutput output) =>
        SocketSummary.Count(sockets.HostName, sockets.Source, request.Filter, sockets.Sockstat, output.Cancellation, sockets.Namespace);

    /// <summary>Get-TcpSocketState on one host: its summary rows (each carrying the kernel's totals) or its sockets.</summary>
    public static IEnumerable<object> ForHost(IKernelHost target, SocketRequest request, bool summary, IEngineOutput output)
    {
        var sockets = Open(target, request, output.Cancellation);
        if (!summary)
        {
            return List(sockets, request, output);
        }

        var counts = Summarize(sockets, request, output);
        // Verbose, not information: a summary assigned to a variable must print nothing.
        output.WriteVerbose($"{counts.Host}: kernel: {counts.Kernel.InUse} in use, {counts.Kernel.TimeWait} TIME_WAIT, {counts.Kernel.Orphans} orphans");
        return counts.States;
    }

    private static TwOperationException InputError(string field, string message) =>
        new(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidArgument, TwErrorCategory.InvalidArgument, message) with { Field = field });
}
