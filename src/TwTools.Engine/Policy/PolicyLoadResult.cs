using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Policy;

/// <summary>A loaded policy with the warnings found on the way, or the errors that stopped it.</summary>
public sealed record PolicyLoadResult(TwPolicy? Policy, IReadOnlyList<TwDiagnostic> Diagnostics)
{
    public bool Succeeded => Policy is not null && !Diagnostics.Any(d => d.IsError);

    public IEnumerable<TwDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<TwDiagnostic> Warnings => Diagnostics.Where(d => !d.IsError);

    /// <summary>The policy, or a <see cref="TwOperationException"/> carrying every error.</summary>
    public TwPolicy GetPolicyOrThrow() =>
        Succeeded ? Policy! : throw new TwOperationException(Errors.ToList());
}
