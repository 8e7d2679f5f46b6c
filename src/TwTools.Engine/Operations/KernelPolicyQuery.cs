using TwTools.Engine.Compliance;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Operations;

/// <summary>Reads a host's TIME_WAIT settings and, with a policy, judges them: Get-TwKernelPolicy and <c>twtools kernel</c>/<c>test</c>.</summary>
public static class KernelPolicyQuery
{
    public static IReadOnlyList<KernelSettingState> Run(IKernelHost target, TwPolicy? policy, IEngineOutput output)
    {
        var snapshot = target.ReadKernel(output.Cancellation);
        if (policy is not null)
        {
            output.WriteVerbose($"{target.Name}: comparing with policy '{policy.Name}' from {policy.Source}");
        }

        return KernelPolicyReport.Build(snapshot, policy);
    }

    /// <summary>True when every key the policy sets (or enforces) complies.</summary>
    public static bool IsCompliant(IEnumerable<KernelSettingState> states) => states.All(s => s.Compliant != false);

    /// <summary>The keys a policy judged (it sets them, or enforces them); the rest of the catalog is context.</summary>
    public static IReadOnlyList<KernelSettingState> PolicyKeys(IEnumerable<KernelSettingState> states) => states.Where(s => s.Compliant is not null).ToList();
}
