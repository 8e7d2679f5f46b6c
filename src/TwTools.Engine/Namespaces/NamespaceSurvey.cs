using System.Globalization;
using TwTools.Engine.Kernel;
using TwTools.Engine.LocalMachine;

namespace TwTools.Engine.Namespaces;

/// <summary>
/// The one line <c>twtools kernel</c> and Get-TwKernelPolicy add on the host: how many other network namespaces run a
/// key differently from it. A host that complies can run containers that do not, since a new namespace starts from
/// the kernel's defaults; this says so without the user asking for --all-netns.
/// </summary>
internal static class NamespaceSurvey
{
    private static readonly string[] Keys =
        [KernelSettingCatalog.TcpTwReuse, KernelSettingCatalog.TcpTimestamps, KernelSettingCatalog.IpLocalPortRange, KernelSettingCatalog.TcpFinTimeout, KernelSettingCatalog.TcpMaxTwBuckets];

    /// <summary>Null when no other namespace differs, or none can be read (not root).</summary>
    public static string? Line(KernelSnapshot host, CancellationToken cancellation)
    {
        var others = NamespaceDiscovery.All(cancellation).Where(n => !n.IsHost).ToList();
        var values = new List<IReadOnlyDictionary<string, string>>();
        foreach (var ns in others)
        {
            using var target = new NamespaceKernelHost(ns) { Found = true };
            try
            {
                values.Add(target.RuntimeValues());
            }
            catch (Diagnostics.TwOperationException)
            {
                // Gone since it was found, or not ours to enter: counted among those not read.
            }
        }

        var differences = Keys.Select(key => Difference(key, host, values)).Where(d => d is not null).ToList();
        if (values.Count == 0 || differences.Count == 0)
        {
            return null;
        }

        var unread = others.Count - values.Count;
        return string.Create(CultureInfo.InvariantCulture, $"{others.Count} other network namespace(s) on this host{(unread > 0 ? $" ({unread} not read)" : string.Empty)}: {string.Join("; ", differences)}. --all-netns / -AllNetworkNamespaces shows each.");
    }

    private static string? Difference(string key, KernelSnapshot host, List<IReadOnlyDictionary<string, string>> others)
    {
        var definition = KernelSettingCatalog.Get(key);
        var mine = host.RuntimeValue(key) is { } raw ? SettingValue.NormalizeOrKeep(definition, raw) : null;
        var theirs = others.Select(o => o.GetValueOrDefault(key)).Where(v => v is not null).Select(v => SettingValue.NormalizeOrKeep(definition, v!)).ToList();
        var common = theirs.Where(v => v != mine).GroupBy(v => v).OrderByDescending(g => g.Count()).FirstOrDefault();
        if (common is null)
        {
            return null;
        }

        var isDefault = common.Key == definition.DefaultValue ? ", the kernel default," : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{common.Count()} run {key.Replace("net.ipv4.", string.Empty, StringComparison.Ordinal)}={common.Key}{isDefault} not this host's {mine ?? "(absent)"}");
    }
}
