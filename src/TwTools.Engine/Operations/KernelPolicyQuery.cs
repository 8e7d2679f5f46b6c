using TwTools.Engine.Compliance;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Operations;

/// <summary>Reads a host's TIME_WAIT settings and, with a policy, judges them: Get-TwKernelPolicy and <c>twtools kernel</c>/<c>test</c>.</summary>
public static class KernelPolicyQuery
{
    /// <param name="surveyNamespaces">
    /// On this machine's own namespace, add one line when other network namespaces run keys differently (Get-TwKernelPolicy
    /// and twtools kernel without targets): a host that complies can run containers that do not.
    /// </param>
    public static IReadOnlyList<KernelSettingState> Run(IKernelHost target, TwPolicy? policy, IEngineOutput output, bool surveyNamespaces = false)
    {
        var snapshot = target.ReadKernel(output.Cancellation);
        if (policy is not null)
        {
            output.WriteVerbose($"{target.Name}: comparing with policy '{policy.Name}' from {policy.Source}");
        }

        if (surveyNamespaces && target is LocalMachine.LocalKernelHost { ReadsThisMachine: true } && snapshot.Namespace is null
            && Namespaces.NamespaceSurvey.Line(snapshot, output.Cancellation) is { } line)
        {
            output.WriteInformation($"{target.Name}: {line}");
        }

        return KernelPolicyReport.Build(snapshot, policy);
    }

    /// <summary>True when every key the policy sets (or enforces) complies.</summary>
    public static bool IsCompliant(IEnumerable<KernelSettingState> states) => states.All(s => s.Compliant != false);

    /// <summary>The keys a policy judged (it sets them, or enforces them); the rest of the catalog is context.</summary>
    public static IReadOnlyList<KernelSettingState> PolicyKeys(IEnumerable<KernelSettingState> states) => states.Where(s => s.Compliant is not null).ToList();
}
