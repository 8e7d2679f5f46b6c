using TwTools.Engine.Hosts;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Remote;

/// <summary>
/// An apply on a remote host: the read answer the plan was made from travels with the session, so the
/// write can check the host against exactly that answer (file bytes included). The conversation the
/// read came from carries the write, and ends with the session.
/// </summary>
internal sealed class RemoteApplySession(RemoteKernelHost host, IHostConversation conversation, ReadAnswer planned, TimeSpan lockTimeout) : IApplySession
{
    public KernelSnapshot Snapshot => planned.Kernel;

    public ExecutionOutcome Execute(ExecutablePlan plan, CancellationToken cancellation) => host.Apply(conversation, plan, planned, lockTimeout, cancellation);

    // The host's lock lives inside the apply program; all the session holds is the conversation.
    public void Dispose() => conversation.Dispose();
}
