using System.Globalization;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Kernel;
using TwTools.Engine.Text;

namespace TwTools.Engine.Exhaustion;

/// <summary>
/// The ports connect() may pick: ip_local_port_range, less ip_local_reserved_ports inside it, less
/// ports a listener holds inside it (connect() skips a port bound by bind()).
/// </summary>
internal sealed record EphemeralPorts(PortRange Range, int ReservedInRange, int ListenersInRange)
{
    public int Capacity => Math.Max(0, Range.Count - ReservedInRange - ListenersInRange);

    public static PortRange ReadRange(KernelSnapshot kernel)
    {
        var rangeText = kernel.RuntimeValue(KernelSettingCatalog.IpLocalPortRange) ?? "32768 60999";
        return PortRange.TryParse(rangeText, out var range, out var error)
            ? range
            : throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.ReadFailed, TwErrorCategory.ReadError,
                string.Create(CultureInfo.InvariantCulture, $"{kernel.DisplayName}: net.ipv4.ip_local_port_range '{PrintableText.Of(rangeText, 100)}' cannot be read: {error}")) with { Target = kernel.HostName });
    }

    public static EphemeralPorts From(KernelSnapshot kernel, IReadOnlySet<ushort> listeningPorts)
    {
        var range = ReadRange(kernel);
        PortList.TryParse(kernel.RuntimeValue(KernelSettingCatalog.IpLocalReservedPorts), out var reserved, out _);
        var reservedInRange = reserved.Ranges.Sum(r => new PortRange(Math.Max(r.Low, range.Low), Math.Min(r.High, range.High)).Count);
        var listeners = listeningPorts.Count(p => range.Contains(p) && !reserved.Ranges.Any(r => r.Contains(p)));
        return new EphemeralPorts(range, reservedInRange, listeners);
    }
}
