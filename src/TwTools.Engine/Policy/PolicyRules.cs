using TwTools.Engine.Diagnostics;
using TwTools.Engine.Kernel;

namespace TwTools.Engine.Policy;

/// <summary>
/// The safety rules every policy passes before any host is touched. They depend on the policy alone;
/// checks that need a host's values happen when a plan is made.
/// </summary>
internal static class PolicyRules
{
    public static IReadOnlyList<TwDiagnostic> Check(TwPolicy policy)
    {
        var findings = new List<TwDiagnostic>();
        CheckRecycle(policy, findings);
        CheckReuseAndTimestamps(policy, findings);
        CheckPortRange(policy, findings);
        return findings;
    }

    /// <summary>True when the value turns TIME_WAIT reuse on (globally or for loopback).</summary>
    public static bool ReuseEnabled(string? value) => value is "1" or "2";

    private static void CheckRecycle(TwPolicy policy, List<TwDiagnostic> findings)
    {
        if (policy.Find(KernelSettingCatalog.TcpTwRecycle) is { } recycle && recycle.Value != "0")
        {
            findings.Add(At(policy, recycle, TwDiagnostic.BadInput(
                TwErrorIds.Policy.RecycleRefused,
                TwErrorCategory.InvalidData,
                "tcp_tw_recycle is refused: it drops connections from clients behind NAT (they share one address but not one timestamp clock), and Linux 4.12 removed it. Use net.ipv4.tcp_tw_reuse: 1 for outgoing connections instead.")));
        }
    }

    private static void CheckReuseAndTimestamps(TwPolicy policy, List<TwDiagnostic> findings)
    {
        var reuse = policy.Find(KernelSettingCatalog.TcpTwReuse);
        var timestamps = policy.Find(KernelSettingCatalog.TcpTimestamps);
        if (timestamps?.Value != "0")
        {
            return;
        }

        if (reuse is not null && ReuseEnabled(reuse.Value))
        {
            findings.Add(At(policy, timestamps, TwDiagnostic.BadInput(
                TwErrorIds.Policy.ReuseNeedsTimestamps,
                TwErrorCategory.InvalidData,
                $"tcp_timestamps: 0 contradicts tcp_tw_reuse: {reuse.Value} (line {reuse.Line}): reuse only takes a TIME_WAIT port when timestamps prove old segments cannot be mistaken for new ones. Set tcp_timestamps to 1.")));
            return;
        }

        findings.Add(At(policy, timestamps, TwDiagnostic.Warning(
            TwErrorIds.Policy.TimestampsDisabled,
            "tcp_timestamps: 0 switches off TIME_WAIT reuse (and PAWS) on this host. Hardening baselines such as dev-sec's sysctl-07 ask for 0 to hide uptime; TwTools' reuse policies deliberately win over them, so do not combine this policy with one that enables tcp_tw_reuse.")));
    }

    private static void CheckPortRange(TwPolicy policy, List<TwDiagnostic> findings)
    {
        if (policy.Find(KernelSettingCatalog.IpLocalPortRange) is { } setting
            && PortRange.TryParse(setting.Value, out var range, out _))
        {
            if (range.Low < 1 || range.Low >= range.High)
            {
                findings.Add(At(policy, setting, TwDiagnostic.BadInput(
                    TwErrorIds.Policy.PortRangeInvalid,
                    TwErrorCategory.InvalidData,
                    $"'{range}' is not a usable range: the low port must be at least 1 and below the high port")));
                return;
            }

            if (range.Low % 2 == range.High % 2)
            {
                findings.Add(At(policy, setting, TwDiagnostic.Warning(
                    TwErrorIds.Policy.PortRangeSameParity,
                    $"'{range}' starts and ends on ports of the same parity; the kernel gives connect() one parity and bind() the other, so an odd/even pair (such as {range.Low} {range.High + 1}) splits the range evenly.")));
            }

            if (policy.Find(KernelSettingCatalog.IpLocalReservedPorts) is { } fullyReserved
                && PortList.TryParse(fullyReserved.Value, out var all, out _)
                && all.CountWithin(range) >= range.Count)
            {
                findings.Add(At(policy, fullyReserved, NoUsablePorts(range, all)));
                return;
            }

            if (policy.Find(KernelSettingCatalog.IpLocalReservedPorts) is { } reserved
                && PortList.TryParse(reserved.Value, out var reservedPorts, out _)
                && !reservedPorts.Outside(range).IsEmpty)
            {
                findings.Add(At(policy, reserved, TwDiagnostic.Warning(
                    TwErrorIds.Policy.ReservedPortsOutsideRange,
                    $"reserved ports {reservedPorts.Outside(range)} lie outside the ephemeral range {range}; reserving them has no effect.")));
            }
        }
    }

    /// <summary>Every ephemeral port reserved: each connect() without an explicit bind() would fail with EADDRNOTAVAIL.</summary>
    internal static TwDiagnostic NoUsablePorts(PortRange range, PortList reserved, string? host = null) => TwDiagnostic.BadInput(
        TwErrorIds.Policy.NoUsablePorts,
        TwErrorCategory.InvalidData,
        $"reserved ports {reserved} cover the whole ephemeral range {range}{(host is null ? string.Empty : " on " + host)}: no port would be left for connect(), and every outgoing connection would fail with EADDRNOTAVAIL. Reserve fewer ports or widen net.ipv4.ip_local_port_range.");

    internal static TwDiagnostic At(TwPolicy policy, PolicySetting setting, TwDiagnostic diagnostic) =>
        diagnostic with { File = policy.Source, Line = setting.Line, Column = setting.Column, Field = "spec.settings." + setting.Key };
}
