using System.Globalization;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Exhaustion;

/// <summary>
/// What to do about a finding, best fix first: reuse connections, then let the kernel reuse
/// TIME_WAIT ports (tcp_tw_reuse with timestamps), then more ports or more source addresses.
/// tcp_tw_recycle is never advised: it breaks clients behind NAT and Linux 4.12 removed it.
/// </summary>
internal static class ExhaustionAdvisor
{
    public static IReadOnlyList<string> ForClient(PortPressureFinding finding, EphemeralPorts ports, TimeWaitReuse reuse, string whyNoReuse)
    {
        if (finding.Verdict == PortVerdict.OK)
        {
            return [];
        }

        var advice = new List<string>();
        if (finding.TimeWait > 0 || finding.TimeWaitPerSecond > 0)
        {
            var rate = finding.TimeWaitPerSecond is { } perSecond
                ? string.Create(CultureInfo.InvariantCulture, $", {perSecond:0.#} more per second")
                : string.Empty;
            advice.Add(Invariant($"Reuse connections to {finding.Destination}: {finding.TimeWait} of the {finding.InUse} ports held are TIME_WAIT from connections this host closed{rate}. A connection pool or HTTP keep-alive serves many requests over one connection and leaves no TIME_WAIT behind."));
        }

        if (finding.ReuseEffective != true)
        {
            advice.Add(Invariant($"Let connect() take over TIME_WAIT ports older than {reuse.DelayMilliseconds} ms: {whyNoReuse}. Set net.ipv4.tcp_tw_reuse=1 with net.ipv4.tcp_timestamps=1, as the shipped policy {ShippedPolicies.TwReuse} does (Set-TwPolicy {ShippedPolicies.TwReuse}, or twtools apply --policy {ShippedPolicies.TwReuse}); the server must send timestamps too."));
        }

        advice.Add(Invariant($"Widen net.ipv4.ip_local_port_range (now {ports.Range.Low}-{ports.Range.High}, {ports.Capacity} usable ports per destination; the shipped policy {ShippedPolicies.BusyClient} sets {ShippedPolicies.BusyClientRange}) or connect from more source addresses: each one adds {ports.Capacity} ports towards {finding.Destination}."));
        return advice;
    }

    public static IReadOnlyList<string> ForServer(int port, long timeWait) =>
    [
        Invariant($"This host closed these {timeWait} connections first, so their TIME_WAIT sits on listening port {port}: it holds no ephemeral port and cannot exhaust them. If the count matters (memory, tcp_max_tw_buckets), keep connections alive and let clients close first."),
    ];

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
