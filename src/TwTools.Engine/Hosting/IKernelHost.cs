using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Hosting;

/// <summary>
/// A host whose kernel settings TwTools reads and changes: this machine (or a network namespace it
/// runs in) today, a remote host over SSH or a PSSession later. Each call is one round trip.
/// </summary>
public interface IKernelHost
{
    string Name { get; }

    KernelSnapshot ReadKernel(CancellationToken cancellation);

    /// <summary>Held for the whole read-plan-write sequence so two applies on one host never interleave.</summary>
    IDisposable LockForApply(TimeSpan timeout, CancellationToken cancellation);

    /// <summary>
    /// Carries out the approved part of a plan: all runtime writes, then the persisted file. Either all
    /// of it happens or the host is left as it was, and a <see cref="Diagnostics.TwException"/> says why.
    /// </summary>
    ExecutionOutcome Execute(ExecutablePlan plan, CancellationToken cancellation);
}
