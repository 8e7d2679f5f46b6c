using TwTools.Engine.Diagnostics;
using TwTools.Engine.Kernel;
using TwTools.Engine.Sockets;

namespace TwTools.Engine.Hosts;

/// <summary>
/// A target that could not be found before the run (a remote host whose namespaces could not be listed, a container it
/// does not have): it takes its place among the others and fails there with its own error, so the run goes on and
/// reports it in order.
/// </summary>
internal sealed class FailedTarget(string name, TwOperationException error) : IKernelHost
{
    public string Name => name;

    bool IKernelHost.IsThisMachine => false;

    KernelSnapshot IKernelHost.ReadKernel(CancellationToken cancellation) => throw error;

    HostSockets IKernelHost.OpenSockets(SocketSourceKind kind, CancellationToken cancellation) => throw error;

    IApplySession IKernelHost.BeginApply(TimeSpan lockTimeout, CancellationToken cancellation) => throw error;
}
