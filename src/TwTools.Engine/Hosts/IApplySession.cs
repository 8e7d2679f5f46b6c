using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Hosts;

/// <summary>One read-plan-write sequence on a host, begun by <see cref="IKernelHost.BeginApply"/>; disposing it ends the sequence.</summary>
internal interface IApplySession : IDisposable
{
    /// <summary>The host as it was when the session began: what the plan is made from.</summary>
    KernelSnapshot Snapshot { get; }

    /// <summary>
    /// Carries out the approved part of a plan made from <see cref="Snapshot"/>: all runtime writes,
    /// then the persisted file. Either all of it happens or the host is left as it was, and a
    /// <see cref="Diagnostics.TwOperationException"/> says why.
    /// </summary>
    ExecutionOutcome Execute(ExecutablePlan plan, CancellationToken cancellation);
}
