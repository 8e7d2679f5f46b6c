using TwTools.Engine.Kernel;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Hosts;

/// <summary>
/// A machine whose kernel TwTools reads and changes: this one (or the network namespace it runs in),
/// or a remote host over SSH or a PSSession. Each call is one round trip to the host.
/// </summary>
public interface IKernelHost
{
    string Name { get; }

    /// <summary>True for the machine this process runs on: only its /proc can name socket owners or stand behind a capture.</summary>
    internal bool IsThisMachine { get; }

    internal KernelSnapshot ReadKernel(CancellationToken cancellation);

    /// <summary>
    /// The host's sockets: this machine's from netlink or /proc as <paramref name="kind"/> says; a remote
    /// host's from its read answer, which brings the kernel settings and totals in the same round trip.
    /// </summary>
    internal HostSockets OpenSockets(SocketSourceKind kind, CancellationToken cancellation);

    /// <summary>
    /// Starts one apply: the snapshot to plan against and the way to carry out the plan, kept together so
    /// no write can be made against a snapshot other than the one planned on. Two applies on one host
    /// never interleave: this machine holds its lock for the life of the session; a remote host takes
    /// its lock in the write's round trip and refuses if anything planned against changed since the read.
    /// </summary>
    internal IApplySession BeginApply(TimeSpan lockTimeout, CancellationToken cancellation);
}
