namespace TwTools.Engine.Policy;

/// <summary>
/// Baselines advice points to, by the name both front ends resolve wherever TwTools is installed (a path such as
/// policies/tw-reuse.yaml exists only in a checkout); a test checks they exist and do what the advice says.
/// </summary>
internal static class ShippedPolicies
{
    /// <summary>tcp_tw_reuse=1 (timestamps enforced) and nothing else.</summary>
    public const string TwReuse = "tw-reuse";

    /// <summary>tcp_tw_reuse=1 and the range widened to 10240-65535.</summary>
    public const string BusyClient = "busy-client";

    public const string BusyClientRange = "10240 65535";
}
