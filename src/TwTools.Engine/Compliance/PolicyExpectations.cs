using TwTools.Engine.Kernel;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Compliance;

/// <summary>The expectations a policy sets on a host, including the timestamps reuse depends on.</summary>
internal static class PolicyExpectations
{
    public static IReadOnlyList<Expectation> For(TwPolicy policy)
    {
        var expectations = policy.Settings
            .Select(s => new Expectation(s.Key, s.Value, new[] { s.Value }, Enforced: false))
            .ToList();

        // Reuse without timestamps does nothing, so a policy that turns reuse on and says nothing about
        // timestamps still expects them on; 2 (no random offsets) satisfies that as well as 1.
        if (PolicyRules.ReuseEnabled(policy.ValueOf(KernelSettingCatalog.TcpTwReuse))
            && policy.Find(KernelSettingCatalog.TcpTimestamps) is null)
        {
            expectations.Add(new Expectation(KernelSettingCatalog.TcpTimestamps, "1", new[] { "1", "2" }, Enforced: true));
        }

        return expectations.OrderBy(e => KernelSettingCatalog.OrderOf(e.Key)).ToList();
    }
}
