using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Sockets;

/// <summary>
/// The kernel's socket table over NETLINK_SOCK_DIAG, as ss reads it, with the state filter applied
/// in the kernel. For both families it sends one TCPDIAG_GETSOCK dump, which the kernel serves in a
/// single walk of the socket hash (measured here: about 25% less kernel time than a walk per family,
/// which is what ss does); a kernel that refuses it gets one SOCK_DIAG_BY_FAMILY dump per family.
/// Records are parsed in place out of a 32 KiB buffer: the kernel fills at most that per read
/// (netlink_recvmsg caps the dump's allocation at SKB_WITH_OVERHEAD(32768)) and fills the next part only
/// once this one is read, so a larger buffer would not save a single recv.
/// </summary>
internal sealed class NetlinkSocketSource : ISocketSource, ISocketCounter
{
    private const int ReceiveBufferSize = 32 * 1024;
    private const byte BothFamilies = 0;
    private readonly ushort _bothFamiliesRequest;

    private readonly LocalMachine.KernelFiles _files;

    public NetlinkSocketSource(LocalMachine.KernelFiles? files = null)
        : this(InetDiagMessages.TcpDiagGetSock, files)
    {
    }

    /// <summary>Tests pass a request type every kernel refuses, to drive the per-family fallback on a kernel that has the legacy dump.</summary>
    internal NetlinkSocketSource(ushort bothFamiliesRequest, LocalMachine.KernelFiles? files = null) =>
        (_bothFamiliesRequest, _files) = (bothFamiliesRequest, files ?? LocalMachine.KernelFiles.Direct);

    public string Name => "netlink";

    /// <summary>Whether this process may open a sock_diag socket; containers with seccomp filters sometimes may not.</summary>
    public static bool IsAvailable(LocalMachine.KernelFiles? files = null)
    {
        try
        {
            NetlinkDiagSocket.Open(files).Dispose();
            return true;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public IEnumerable<TcpSocketRecord> Read(SocketFilter filter, CancellationToken cancellation)
    {
        var v4 = filter.WantsFamily(InetFamily.IPv4);
        var v6 = filter.WantsFamily(InetFamily.IPv6);
        return filter.States.IsEmpty ? [] : Translated(Records(Dump(v4, v6, filter, cancellation), filter));
    }

    /// <summary>
    /// Counts per state and family from the first two bytes of each message (family, state), without making a
    /// record: a summary needs nothing else. Only for filters the kernel applies whole (states, families).
    /// </summary>
    public bool TryCount(SocketFilter filter, long[,] counts, CancellationToken cancellation)
    {
        if (filter.LocalPorts.Count > 0 || filter.RemotePorts.Count > 0 || filter.RemoteNetworks.Count > 0)
        {
            return false;
        }

        if (filter.States.IsEmpty)
        {
            return true;
        }

        var messages = Dump(filter.WantsFamily(InetFamily.IPv4), filter.WantsFamily(InetFamily.IPv6), filter, cancellation);
        foreach (var (buffer, start) in Translated(messages))
        {
            counts[buffer[start + 1] & 15, buffer[start] == InetDiagMessages.AfInet6 ? 1 : 0]++;
        }

        return true;
    }

    private static IEnumerable<TcpSocketRecord> Records(IEnumerable<(byte[] Buffer, int Start)> messages, SocketFilter filter)
    {
        foreach (var (buffer, start) in messages)
        {
            var record = InetDiagMessages.ReadSocket(buffer.AsSpan(start));
            if (filter.Matches(record))
            {
                yield return record;
            }
        }
    }

    // The engine's edge: a refused socket or a malformed answer leaves here as the catalog's error, so no
    // front end has to know what a netlink failure looks like.
    private static IEnumerable<T> Translated<T>(IEnumerable<T> records)
    {
        using var each = records.GetEnumerator();
        while (true)
        {
            try
            {
                if (!each.MoveNext())
                {
                    yield break;
                }
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidDataException)
            {
                throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.SocketReadFailed, TwErrorCategory.ReadError, "Cannot read the host's sockets over netlink: " + e.Message), e);
            }

            yield return each.Current;
        }
    }

    private IEnumerable<(byte[] Buffer, int Start)> Dump(bool v4, bool v6, SocketFilter filter, CancellationToken cancellation)
    {
        using var socket = NetlinkDiagSocket.Open(_files);
        var buffer = new byte[ReceiveBufferSize];
        var dump = new InetDiagDump(socket, buffer, filter.States.Mask, _bothFamiliesRequest, cancellation);
        if (v4 && v6)
        {
            foreach (var start in dump.Run(BothFamilies, tolerateRefusal: true))
            {
                yield return (buffer, start);
            }

            if (!dump.Refused)
            {
                yield break;
            }
        }

        if (v4)
        {
            foreach (var start in dump.Run(InetDiagMessages.AfInet, tolerateRefusal: false))
            {
                yield return (buffer, start);
            }
        }

        if (v6)
        {
            foreach (var start in dump.Run(InetDiagMessages.AfInet6, tolerateRefusal: false))
            {
                yield return (buffer, start);
            }
        }
    }
}
