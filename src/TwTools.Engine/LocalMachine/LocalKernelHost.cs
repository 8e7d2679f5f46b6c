using TwTools.Engine.Diagnostics;
using TwTools.Engine.Files;
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

    /// <summary>This machine as it is, under the /proc and / the environment names (TWTOOLS_PROC_ROOT, TWTOOLS_CONF_ROOT).</summary>
    public LocalKernelHost()
        : this("localhost")
    {
    }

    /// <summary>This machine, named <paramref name="name"/> in results and series instead of localhost (a node agent gives its node's name).</summary>
    public static LocalKernelHost Named(string name) => new(name);

    internal LocalKernelHost(string name, SystemPaths? paths = null, IProcSysAccess? access = null)
    {
        Name = name;
        _paths = paths ?? SystemPaths.FromEnvironment();
        _access = access ?? new LibcProcSysAccess(_paths.Files);
        _distrust = paths is null ? _paths.DistrustFor(TrustedDirectory.EffectiveUser) : null;
    }

    private readonly string? _distrust;

    public string Name { get; }

    internal KernelSnapshot ReadKernel(CancellationToken cancellation)
    {
        var paths = Trusted();
        var own = Own(paths, cancellation);
        if (own is null)
        {
            return new LocalKernelReader(paths).Read(Name);
        }

        // Run inside another namespace: its values and its name; its boot values are its owner's when /etc is the host's.
        var owner = new Kernel.NamespaceOwner(own.Identity, own.Identity.Runtime is { } runtime && own.Identity.ContainerId is { } id
            ? Namespaces.ContainerInspect.SysctlsOf(new Namespaces.ContainerInfo(runtime, id, own.Identity.Container ?? string.Empty), cancellation) : null);
        var snapshot = new LocalKernelReader(paths).Read(Name, own.SysctlDIsHosts ? owner : null, own.SysctlDIsHosts);
        return own.SysctlDIsHosts ? snapshot : Namespaces.SnapshotNaming.Named(snapshot, own.Identity);
    }

    // Looked at once per host object: which namespace this process runs in does not change under it.
    private Namespaces.OwnNamespace? Own(SystemPaths paths, CancellationToken cancellation)
    {
        if (!_ownChecked)
        {
            _own = paths.ProcRoot == SystemPaths.Default.ProcRoot ? Namespaces.OwnNamespace.Detect(paths, cancellation) : null;
            _ownChecked = true;
        }

        return _own;
    }

    private Namespaces.OwnNamespace? _own;
    private bool _ownChecked;

    private SystemPaths Trusted() => _distrust is null ? _paths : throw new TwOperationException(
        TwDiagnostic.BadInput(TwErrorIds.Input.UnsafeSystemRoot, TwErrorCategory.SecurityError, $"{Name}: {_distrust}") with { Target = Name });

    internal bool IsThisMachine => true;

    /// <summary>The real /proc and /, not a test tree: what may be compared with the machine's other namespaces.</summary>
    internal bool ReadsThisMachine => _paths.ProcRoot == SystemPaths.Default.ProcRoot && _paths.ConfRoot == SystemPaths.Default.ConfRoot;

    internal HostSockets OpenSockets(SocketSourceKind kind, CancellationToken cancellation) => new(
        Name,
        SocketSources.ForLocalHost(Trusted(), kind),
        () => ReadKernel(cancellation),
        SocketSources.ReadSockstat(_paths),
        token => SocketOwnerIndex.Build(_paths.ProcRoot, token));

    internal IApplySession BeginApply(TimeSpan lockTimeout, CancellationToken cancellation) =>
        LocalApplySession.Begin(Name, Trusted(), _access, () => ReadKernel(cancellation), lockTimeout, cancellation);

    // The host contract's members are the engine's own: front ends hold a host and hand it to an operation.
    bool IKernelHost.IsThisMachine => IsThisMachine;

    KernelSnapshot IKernelHost.ReadKernel(CancellationToken cancellation) => ReadKernel(cancellation);

    HostSockets IKernelHost.OpenSockets(SocketSourceKind kind, CancellationToken cancellation) => OpenSockets(kind, cancellation);

    IApplySession IKernelHost.BeginApply(TimeSpan lockTimeout, CancellationToken cancellation) => BeginApply(lockTimeout, cancellation);
}
