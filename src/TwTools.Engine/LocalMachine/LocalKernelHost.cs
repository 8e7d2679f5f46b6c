using TwTools.Engine.Hosts;
using TwTools.Engine.Kernel;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.LocalMachine;

/// <summary>
/// The machine TwTools runs on, or the network namespace it was started in: /proc/sys and sysctl.d
/// are read and written directly.
/// </summary>
public sealed class LocalKernelHost : IKernelHost
{
    private readonly SystemPaths _paths;
    private readonly IProcSysAccess _access;

    public LocalKernelHost(string name = "localhost", SystemPaths? paths = null, IProcSysAccess? access = null)
    {
        Name = name;
        _paths = paths ?? SystemPaths.FromEnvironment();
        _access = access ?? new LibcProcSysAccess();
    }

    public string Name { get; }

    public KernelSnapshot ReadKernel(CancellationToken cancellation) => new LocalKernelReader(_paths).Read(Name);

    public bool IsThisMachine => true;

    public HostSockets OpenSockets(SocketSourceKind kind, CancellationToken cancellation) => new(
        Name,
        SocketSources.ForLocalHost(_paths, kind),
        () => ReadKernel(cancellation),
        SocketSources.ReadSockstat(_paths),
        token => SocketOwnerIndex.Build(_paths.ProcRoot, token));

    public IApplySession BeginApply(TimeSpan lockTimeout, CancellationToken cancellation)
    {
        var lease = DirectoryLock.Acquire(_paths.ProcSys("net/ipv4"), Name, lockTimeout, cancellation);
        try
        {
            return new LocalApplySession(Name, _paths, _access, ReadKernel(cancellation), lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }
}
