namespace TwTools.Engine.Policy;

/// <summary>Baselines in <c>policies/</c> that advice points to; a test checks they exist and do what the advice says.</summary>
internal static class ShippedPolicies
{
    /// <summary>tcp_tw_reuse=1 (timestamps enforced) and nothing else.</summary>
    public const string TwReuse = "policies/tw-reuse.yaml";

    /// <summary>tcp_tw_reuse=1 and the range widened to 10240-65535.</summary>
    public const string BusyClient = "policies/busy-client.yaml";

    public const string BusyClientRange = "10240 65535";
}
