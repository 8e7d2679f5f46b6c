using TwTools.Engine.Hosts;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Remote;

/// <summary>
/// An apply on a remote host: the read answer the plan was made from travels with the session, so the
/// write's round trip can check the host against exactly that answer (file bytes included).
/// </summary>
internal sealed class RemoteApplySession(RemoteKernelHost host, ReadAnswer planned, TimeSpan lockTimeout) : IApplySession
{
    public KernelSnapshot Snapshot => planned.Kernel;

    public ExecutionOutcome Execute(ExecutablePlan plan, CancellationToken cancellation) => host.Apply(plan, planned, lockTimeout, cancellation);

    // Nothing is held between round trips: the host's lock lives inside the apply program.
    public void Dispose()
    {
    }
}
