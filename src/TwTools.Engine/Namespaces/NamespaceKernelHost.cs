using TwTools.Engine.Diagnostics;
using TwTools.Engine.Hosts;
using TwTools.Engine.Kernel;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// A network namespace on this machine worked on as a host of its own: its /proc/sys, sockets and lock are opened inside
/// it (<see cref="NamespaceFiles"/>), and a namespace that is not the host's has no sysctl.d: its values come from its
/// owner when it is made (<see cref="NamespaceOwner"/>). Entered on first use, left on Dispose.
/// </summary>
public sealed class NamespaceKernelHost : IKernelHost, IDisposable
{
    private readonly object _entering = new();
    private readonly string _machine;
    private NamespaceFiles? _files;
    private KernelFiles? _opener;

    internal NamespaceKernelHost(NetworkNamespace target, string machine = "localhost")
    {
        Namespace = target;
        _machine = machine;
    }

    /// <summary>The machine and the namespace, as messages and progress name it.</summary>
    public string Name => $"{_machine} [{Namespace.Label}]";

    public NetworkNamespace Namespace { get; }

    /// <summary>Found by --all-netns, not named: if it goes away before it is read, that is a warning.</summary>
    internal bool Found { get; init; }

    /// <summary>The machine the namespace is on, as results name their host.</summary>
    public string Machine => _machine;

    public void Dispose()
    {
        lock (_entering)
        {
            _files?.Dispose();
            _files = null;
        }
    }

    private bool IsHost => Namespace.IsHost;

    private SystemPaths Paths => SystemPaths.Default with { Files = Opener() };

    // The namespace TwTools runs in needs no entering (nor root); any other is entered once, checked to be the one named.
    private KernelFiles Opener()
    {
        lock (_entering)
        {
            if (_opener is not null)
            {
                return _opener;
            }

            if (NamespaceInode.Current() == (long)Namespace.Inode)
            {
                return _opener = KernelFiles.Direct;
            }

            var fd = KernelFiles.Direct.Open(Namespace.Path, Interop.Libc.O_RDONLY | Interop.Libc.O_CLOEXEC);
            if (fd < 0)
            {
                throw -fd is Interop.Libc.ENOENT or Interop.Libc.ESRCH ? NamespaceErrors.Gone(Name, Namespace.Path, Found) : NamespaceErrors.CannotOpen(Name, Namespace.Path, -fd);
            }

            // A pid or a file can outlive its namespace and be reused: enter only the namespace that was found.
            if (NamespaceInode.Of($"/proc/self/fd/{fd}") != (long)Namespace.Inode)
            {
                Interop.Libc.Close(fd);
                throw NamespaceErrors.Gone(Name, Namespace.Path, Found);
            }

            var (files, errno) = NamespaceFiles.Enter(fd);
            return _opener = _files = files ?? throw NamespaceErrors.CannotEnter(Name, errno);
        }
    }

    internal NamespaceOwner? Owner(CancellationToken cancellation) => IsHost ? null : new NamespaceOwner(
        Namespace,
        Namespace.Runtime is { } runtime && Namespace.ContainerId is { } id && ContainerDirectory.Runtimes.Contains(runtime)
            ? ContainerInspect.SysctlsOf(new ContainerInfo(runtime, id, Namespace.Container ?? string.Empty), cancellation)
            : null);

    /// <summary>The catalog's runtime values only: no owner to ask, no files, for a survey of many namespaces.</summary>
    internal IReadOnlyDictionary<string, string> RuntimeValues() => new LocalKernelReader(Paths).RuntimeValues();

    internal KernelSnapshot ReadKernel(CancellationToken cancellation)
    {
        var snapshot = new LocalKernelReader(Paths).Read(_machine, Owner(cancellation));
        // The host's own namespace keeps its sysctl.d, and still says which namespace it is.
        return IsHost ? SnapshotNaming.Named(snapshot, Namespace) : snapshot;
    }

    internal HostSockets OpenSockets(SocketSourceKind kind, CancellationToken cancellation)
    {
        var paths = Paths;
        return new HostSockets(_machine, SocketSources.ForLocalHost(paths, kind), () => ReadKernel(cancellation), SocketSources.ReadSockstat(paths), token => SocketOwnerIndex.Build(paths.ProcRoot, token))
        {
            Namespace = Namespace,
        };
    }

    internal IApplySession BeginApply(TimeSpan lockTimeout, CancellationToken cancellation)
    {
        var paths = Paths;
        return LocalApplySession.Begin(Name, paths, new LibcProcSysAccess(paths.Files), () => ReadKernel(cancellation), lockTimeout, cancellation);
    }

    bool IKernelHost.IsThisMachine => true;

    KernelSnapshot IKernelHost.ReadKernel(CancellationToken cancellation) => ReadKernel(cancellation);

    HostSockets IKernelHost.OpenSockets(SocketSourceKind kind, CancellationToken cancellation) => OpenSockets(kind, cancellation);

    IApplySession IKernelHost.BeginApply(TimeSpan lockTimeout, CancellationToken cancellation) => BeginApply(lockTimeout, cancellation);
}
