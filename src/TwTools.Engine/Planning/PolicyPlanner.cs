using System.Globalization;
using TwTools.Engine.Compliance;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Kernel;
using TwTools.Engine.Policy;
using TwTools.Engine.SysctlD;

namespace TwTools.Engine.Planning;

/// <summary>
/// Compares a policy with a host's snapshot and decides what to write. Checks that need the host's
/// values (keys this kernel lacks, the unprivileged port floor, overriding sysctl.d files) happen
/// here, so every error is found before the first write.
/// </summary>
internal static class PolicyPlanner
{
    public static ApplyPlan Plan(TwPolicy policy, KernelSnapshot snapshot, ApplyOptions options)
    {
        var errors = new List<TwDiagnostic>();
        var notes = new List<TwDiagnostic>();
        var settings = new List<PlannedSetting>();
        foreach (var expectation in PolicyExpectations.For(policy))
        {
            var planned = PlanKey(policy, snapshot, expectation, errors, notes);
            if (planned is not null)
            {
                settings.Add(planned);
            }
        }

        CheckAgainstHost(policy, snapshot, errors, notes);
        if (errors.Count > 0)
        {
            throw new TwOperationException(errors);
        }

        PersistPlan? persist = null;

        // A namespace that is not the host's has no sysctl.d: the host's files never reach it (see OwnerSysctlForms).
        if (policy.Persist.Enabled && (snapshot.Owner is null || (snapshot.SysctlDIsHosts && options.WriteHostFiles)))
        {
            var toPersist = settings.Where(s => s.Persist).Select(s => (s.Key, s.After)).ToList();
            var content = PersistFileRenderer.Render(policy.Name, toPersist);
            var existing = snapshot.Persisted.Find(policy.Persist.File);
            if (existing is not null && (existing.LinkTarget is not null || !PersistFileRenderer.IsWrittenByTwTools(existing.Content)) && !options.ReplaceForeignFile)
            {
                // Debian's 99-sysctl.conf is a link to /etc/sysctl.conf; replacing it would cut every setting that file holds off from boot.
                var what = existing.LinkTarget is { } target ? $"a link to {target}" : "a file TwTools did not write (no TwTools header)";
                errors.Add(TwDiagnostic.Error(TwErrorIds.Apply.PersistFileNotOurs, TwErrorCategory.ResourceUnavailable,
                    $"{snapshot.DisplayName}: {policy.Persist.File} is {what}; choose another persist.file, or replace it on purpose with --force / -Force") with { Target = policy.Persist.File });
                throw new TwOperationException(errors);
            }

            persist = new PersistPlan(policy.Persist.File, existing?.Content, content);
            settings = WithBootValues(snapshot.HostName, settings, snapshot.Persisted.With(persist.File, content), persist.File, options, policy, errors, notes);
            if (errors.Count > 0)
            {
                throw new TwOperationException(errors);
            }
        }

        return new ApplyPlan { HostName = snapshot.HostName, Policy = policy, Settings = settings, Persist = persist, Diagnostics = notes };
    }

    private static PlannedSetting? PlanKey(TwPolicy policy, KernelSnapshot snapshot, Expectation expectation, List<TwDiagnostic> errors, List<TwDiagnostic> notes)
    {
        var definition = KernelSettingCatalog.Get(expectation.Key);
        var persisted = snapshot.Persisted.Effective(expectation.Key);
        var persistedValue = persisted is null ? null : SettingValue.NormalizeOrKeep(definition, persisted.Value);
        if (!snapshot.Exists(expectation.Key))
        {
            if (definition.AbsentMeansValue is { } absent && expectation.IsMetBy(absent))
            {
                return new PlannedSetting
                {
                    Key = expectation.Key, Exists = false, After = expectation.Value, RuntimeChange = false,
                    PersistedBefore = persistedValue, Note = $"absent on kernel {snapshot.KernelRelease}, which means {absent}: nothing to write",
                };
            }

            errors.Add(AtSetting(policy, expectation.Key, TwDiagnostic.BadInput(
                TwErrorIds.Policy.KeyUnavailable,
                TwErrorCategory.ObjectNotFound,
                $"kernel {snapshot.KernelRelease} on {snapshot.DisplayName} has no {expectation.Key} ({definition.Availability})")));
            return null;
        }

        var before = SettingValue.NormalizeOrKeep(definition, snapshot.RuntimeValue(expectation.Key)!);
        var runtimeMet = expectation.IsMetBy(before);
        var bootValue = BootValue.Of(snapshot, definition);
        if (expectation.Enforced && runtimeMet && expectation.IsMetBy(bootValue) && !OwnFileSets(policy, snapshot, expectation.Key))
        {
            // Timestamps are already on now and at boot: nothing to enforce, nothing to add to the file.
            // Once TwTools has persisted them it keeps them, or the next run would drop the line again.
            return null;
        }

        if (expectation.Enforced && !(runtimeMet && expectation.IsMetBy(bootValue)))
        {
            notes.Add(TwDiagnostic.Warning(
                TwErrorIds.Apply.TimestampsEnforced,
                $"{snapshot.DisplayName}: the policy enables tcp_tw_reuse but tcp_timestamps is {(runtimeMet ? bootValue : before)} {(runtimeMet ? "at boot" : "now")}; TwTools sets it to 1 because reuse does nothing without timestamps.") with { Target = expectation.Key });
        }

        return new PlannedSetting
        {
            Key = expectation.Key,
            Exists = true,
            Before = before,
            After = runtimeMet ? before : expectation.Value,
            RuntimeChange = !runtimeMet,
            PersistedBefore = persistedValue,
            Enforced = expectation.Enforced,
            Persist = true,
        };
    }

    private static bool OwnFileSets(TwPolicy policy, KernelSnapshot snapshot, string key) =>
        policy.Persist.Enabled && snapshot.Persisted.Find(policy.Persist.File) is { } own && own.Assignments.Any(a => a.Key == key);

    private static void CheckAgainstHost(TwPolicy policy, KernelSnapshot snapshot, List<TwDiagnostic> errors, List<TwDiagnostic> notes)
    {
        var rangeText = policy.ValueOf(KernelSettingCatalog.IpLocalPortRange) ?? snapshot.RuntimeValue(KernelSettingCatalog.IpLocalPortRange);
        var haveRange = PortRange.TryParse(rangeText, out var range, out _);
        if (haveRange && policy.ValueOf(KernelSettingCatalog.IpLocalPortRange) is not null && range.Low < snapshot.UnprivilegedPortStart)
        {
            errors.Add(AtSetting(policy, KernelSettingCatalog.IpLocalPortRange, TwDiagnostic.BadInput(
                TwErrorIds.Policy.PortRangeBelowUnprivileged,
                TwErrorCategory.InvalidData,
                $"the range starts at {range.Low}, below ip_unprivileged_port_start ({snapshot.UnprivilegedPortStart}) on {snapshot.DisplayName}; the kernel refuses it")));
        }

        // The host as the policy would leave it: a range from one side and reserved ports from the other can leave no port at all.
        var policyReserved = policy.ValueOf(KernelSettingCatalog.IpLocalReservedPorts);
        if (haveRange
            && (policyReserved is not null || policy.ValueOf(KernelSettingCatalog.IpLocalPortRange) is not null)
            && PortList.TryParse(policyReserved ?? snapshot.RuntimeValue(KernelSettingCatalog.IpLocalReservedPorts), out var willReserve, out _)
            && range.Count > 0
            && willReserve.CountWithin(range) >= range.Count)
        {
            var key = policyReserved is not null ? KernelSettingCatalog.IpLocalReservedPorts : KernelSettingCatalog.IpLocalPortRange;
            errors.Add(AtSetting(policy, key, PolicyRules.NoUsablePorts(range, willReserve, snapshot.HostName)));
        }

        if (policy.ValueOf(KernelSettingCatalog.IpLocalReservedPorts) is { } reservedText
            && policy.ValueOf(KernelSettingCatalog.IpLocalPortRange) is null
            && haveRange
            && PortList.TryParse(reservedText, out var reserved, out _)
            && !reserved.Outside(range).IsEmpty)
        {
            notes.Add(AtSetting(policy, KernelSettingCatalog.IpLocalReservedPorts, TwDiagnostic.Warning(
                TwErrorIds.Policy.ReservedPortsOutsideRange,
                $"reserved ports {reserved.Outside(range)} lie outside {snapshot.DisplayName}'s ephemeral range {range}; reserving them has no effect")));
        }

        // The rule is about the host as it will be: timestamps off while the host's own reuse stays on
        // leaves reuse doing nothing, whichever policy turned which key.
        if (policy.ValueOf(KernelSettingCatalog.TcpTimestamps) is "0"
            && policy.ValueOf(KernelSettingCatalog.TcpTwReuse) is null
            && snapshot.RuntimeValue(KernelSettingCatalog.TcpTwReuse)?.Trim() is { } hostReuse and not "0")
        {
            errors.Add(AtSetting(policy, KernelSettingCatalog.TcpTimestamps, TwDiagnostic.BadInput(
                TwErrorIds.Policy.ReuseNeedsTimestamps,
                TwErrorCategory.InvalidData,
                $"tcp_timestamps: 0 would leave tcp_tw_reuse {hostReuse} on {snapshot.DisplayName} doing nothing (reuse needs timestamps); set net.ipv4.tcp_tw_reuse: 0 in this policy too, or keep timestamps on")));
        }

        if (policy.ValueOf(KernelSettingCatalog.TcpMaxTwBuckets) is { } bucketsText
            && long.TryParse(snapshot.RuntimeValue(KernelSettingCatalog.TcpMaxTwBuckets)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var current)
            && long.Parse(bucketsText, CultureInfo.InvariantCulture) < current)
        {
            notes.Add(AtSetting(policy, KernelSettingCatalog.TcpMaxTwBuckets, TwDiagnostic.Warning(
                TwErrorIds.Policy.TimeWaitBucketsLowered,
                $"lowers tcp_max_tw_buckets on {snapshot.DisplayName} from {current} to {bucketsText}: past it the kernel destroys TIME_WAIT sockets early, which hides the problem rather than solving it")));
        }
    }

    private static List<PlannedSetting> WithBootValues(
        string hostName, List<PlannedSetting> settings, SysctlConfigSet after, string file, ApplyOptions options, TwPolicy policy, List<TwDiagnostic> errors, List<TwDiagnostic> notes)
    {
        var result = new List<PlannedSetting>();
        foreach (var setting in settings)
        {
            var effective = after.Effective(setting.Key);
            var definition = KernelSettingCatalog.Get(setting.Key);
            var bootValue = effective is null ? null : SettingValue.NormalizeOrKeep(definition, effective.Value);
            if (setting.Persist && effective is not null && effective.File != file && !SettingValue.AreEqual(definition, bootValue, setting.After))
            {
                var diagnostic = TwDiagnostic.Error(
                    TwErrorIds.Apply.PersistOverridden,
                    TwErrorCategory.InvalidOperation,
                    $"{hostName}: {effective.File}:{effective.Line} sets {setting.Key} = {bootValue} and is applied after {file}, so at boot the host would get {bootValue}, not {setting.After}; {HowToRemove(effective.File)}") with { Target = setting.Key };
                if (options.FailOnOverride)
                {
                    errors.Add(AtSetting(policy, setting.Key, diagnostic));
                }
                else
                {
                    notes.Add(diagnostic with { Severity = TwSeverity.Warning });
                }
            }

            result.Add(setting with { PersistedAfter = bootValue });
        }

        return result;
    }

    // A file another TwTools policy wrote (the host moved between policies) goes with its own command; any other is the admin's to edit.
    private static string HowToRemove(string file) =>
        System.Text.RegularExpressions.Regex.Match(Path.GetFileName(file), @"^60-twtools-(.+)\.conf\z") is { Success: true } other
            ? $"that is policy '{other.Groups[1].Value}''s file: remove it with Remove-TwPolicy {other.Groups[1].Value} / twtools remove --policy {other.Groups[1].Value}"
            : "change or remove that line, or persist to a file that sorts after it";

    private static TwDiagnostic AtSetting(TwPolicy policy, string key, TwDiagnostic diagnostic) =>
        policy.Find(key) is { } setting ? PolicyRules.At(policy, setting, diagnostic) : diagnostic with { File = policy.Source, Field = "spec.settings" };
}
