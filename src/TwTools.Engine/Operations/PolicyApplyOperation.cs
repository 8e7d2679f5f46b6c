using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;
using TwTools.Engine.Policy;
using TwTools.Engine.Text;

namespace TwTools.Engine.Operations;

/// <summary>
/// Applies a policy to one host: begin (lock and read), plan, ask, write. Front ends call this and nothing
/// else, so Set-TwPolicy and <c>twtools apply</c> behave the same.
/// </summary>
public static class PolicyApplyOperation
{
    public static ApplyReport Run(IKernelHost target, TwPolicy policy, ApplyOptions options, ShouldProcess shouldProcess, IEngineOutput output)
    {
        var cancellation = output.Cancellation;
        using var session = target.BeginApply(options.LockTimeout, cancellation);
        var snapshot = session.Snapshot;
        var plan = PolicyPlanner.Plan(policy, snapshot, options);
        foreach (var note in plan.Diagnostics)
        {
            output.WriteWarning(note);
        }

        // This machine as a user who is not root: -WhatIf would list writes that then fail. Say so before anything is asked.
        if (target.IsThisMachine && Files.TrustedDirectory.EffectiveUser != 0 && (plan.Settings.Any(s => s.RuntimeChange) || plan.Persist is { Changed: true }))
        {
            output.WriteWarning(TwDiagnostic.Warning(TwErrorIds.Apply.NeedsRoot,
                $"{target.Name}: these changes need root (writing /proc/sys and {plan.Persist?.File ?? "sysctl.d"}); as this user they would fail. Run as root, with sudo, or -UseSudo / --sudo for a remote host.") with { Target = target.Name });
        }

        var (approved, persist) = options.AskEachChange ? AskEach(target.Name, plan, snapshot, shouldProcess) : AskOnce(target.Name, policy, plan, snapshot, shouldProcess);
        var executable = new ExecutablePlan(approved, persist);
        var outcome = executable.IsEmpty
            ? new ExecutionOutcome(new Dictionary<string, string>(), false)
            : session.Execute(executable, cancellation);

        var results = plan.Settings.Select(s => Result(snapshot, plan, s, approved, outcome)).ToList();
        var report = new ApplyReport(plan, results, outcome.Persisted);
        var declined = plan.Settings.Count(s => s.RuntimeChange) - approved.Count + (plan.Persist is { Changed: true } && persist is null ? 1 : 0);
        if (declined > 0 && !executable.IsEmpty)
        {
            WarnWhereRuntimeAndBootDiffer(target.Name, results, output);
        }

        output.WriteInformation(Summary(target.Name, policy, report, declined));
        if (snapshot.SysctlDIsHosts && policy.Persist.Enabled && !options.WriteHostFiles)
        {
            output.WriteWarning(TwDiagnostic.Warning(TwErrorIds.Namespace.HostFilesRefused,
                $"{target.Name}: twtools runs in this network namespace, not the host's, and /etc/sysctl.d here is the host's: {policy.Persist.File} was not written, since it would set the host's boot values and never reach this namespace (--host-files / -HostFiles writes it on purpose)") with { Target = policy.Persist.File });
        }

        if (snapshot.Owner is { } owner && plan.Persist is null)
        {
            TellOwner(target.Name, owner, plan, report, output);
        }

        return report;
    }

    private static (List<RuntimeWrite> Approved, PersistPlan? Persist) AskEach(string hostName, ApplyPlan plan, KernelSnapshot snapshot, ShouldProcess shouldProcess)
    {
        var approved = plan.Settings
            .Where(s => s.RuntimeChange && shouldProcess($"{hostName}: {s.Key}", $"Set runtime value {Change(s)}"))
            .Select(s => Write(s, snapshot))
            .ToList();
        var persist = plan.Persist is { Changed: true } p && shouldProcess($"{hostName}: {p.File}", FileChange(plan, p, named: false)) ? p : null;
        return (approved, persist);
    }

    // One question per host with its whole plan: -Confirm over a fleet asks once a host, not key by key hopping between hosts.
    private static (List<RuntimeWrite> Approved, PersistPlan? Persist) AskOnce(string hostName, TwPolicy policy, ApplyPlan plan, KernelSnapshot snapshot, ShouldProcess shouldProcess)
    {
        var runtime = plan.Settings.Where(s => s.RuntimeChange).ToList();
        var persist = plan.Persist is { Changed: true } p ? p : null;
        var changes = runtime.Select(s => $"set {s.Key} {Change(s)}").Concat(persist is null ? [] : [FileChange(plan, persist, named: true)]).ToList();
        if (changes.Count == 0 || !shouldProcess(hostName, $"Apply policy '{policy.Name}': {string.Join("; ", changes)}"))
        {
            return ([], null);
        }

        return (runtime.Select(s => Write(s, snapshot)).ToList(), persist);
    }

    // The value before is the host's own text: escaped, since -Confirm and -WhatIf show it on a terminal.
    private static string Change(PlannedSetting s) =>
        TerminalText.Escape($"{s.Before} -> {s.After}{(s.Enforced ? " (enforced: tcp_tw_reuse needs timestamps)" : string.Empty)}");

    // Asked on its own (target: the file) as "Create persisted settings (2 keys)"; in a host's list as "create persisted settings FILE (2 keys)".
    private static string FileChange(ApplyPlan plan, PersistPlan persist, bool named)
    {
        var keys = plan.Settings.Count(s => s.Persist);
        var verb = persist.CurrentContent is null ? "Create" : "Rewrite";
        return named ? $"{verb.ToLowerInvariant()} persisted settings {persist.File} ({keys} keys)" : $"{verb} persisted settings ({keys} keys)";
    }

    // Restore exactly what the kernel printed, not its normalised form.
    private static RuntimeWrite Write(PlannedSetting s, KernelSnapshot snapshot) => new(s.Key, snapshot.RuntimeValue(s.Key)!, s.After);

    private static SettingApplyResult Result(KernelSnapshot snapshot, ApplyPlan plan, PlannedSetting setting, List<RuntimeWrite> approved, ExecutionOutcome outcome)
    {
        var runtimeWritten = approved.Any(w => w.Key == setting.Key);
        var bootChanges = setting.Persist && setting.PersistedBefore != setting.PersistedAfter;
        // A runtime change that was declined (-Confirm: No) leaves the key unchanged, whatever the file got.
        var runtimeDeclined = setting.RuntimeChange && !runtimeWritten;
        var bootWritten = outcome.Persisted && bootChanges && !runtimeDeclined;
        var bootNeeded = plan.Persist?.Changed == true && bootChanges;
        var changed = runtimeWritten || bootWritten;
        var needed = setting.RuntimeChange || bootNeeded;
        return new SettingApplyResult
        {
            Host = snapshot.HostName,
            NetworkNamespace = snapshot.Namespace,
            Policy = plan.Policy.Name,
            Key = setting.Key,
            Before = setting.Before,
            // A key this kernel does not have (tcp_tw_recycle since 4.12) stays absent: never shown as the value asked for.
            After = runtimeWritten ? outcome.RuntimeAfter.GetValueOrDefault(setting.Key, setting.After) : setting.Before,
            Desired = setting.After,
            Changed = changed,
            WouldChange = needed && !changed,
            Change = changed ? Parts(runtimeWritten, bootWritten) : needed ? "would: " + Parts(setting.RuntimeChange, bootNeeded) : "none",
            PersistedBefore = setting.PersistedBefore,
            PersistedAfter = outcome.Persisted || plan.Persist?.Changed == false ? setting.PersistedAfter : setting.PersistedBefore,
            PersistFile = setting.Persist ? plan.Persist?.File : null,
            Enforced = setting.Enforced,
            Note = setting.Note,
        };
    }

    private static string Parts(bool runtime, bool boot) => runtime && boot ? "runtime+boot" : runtime ? "runtime" : "boot";

    // A runtime value in a container's namespace ends with the namespace: say so, and how its owner keeps it.
    private static void TellOwner(string hostName, NamespaceOwner owner, ApplyPlan plan, ApplyReport report, IEngineOutput output)
    {
        var settings = plan.Settings.Where(s => s.Exists && s.Key != KernelSettingCatalog.TcpTwRecycle).Select(s => (s.Key, s.After)).ToList();
        if (settings.Count == 0)
        {
            return;
        }

        if (report.Changed)
        {
            output.WriteWarning(TwDiagnostic.Warning(TwErrorIds.Namespace.RuntimeOnly,
                $"{hostName}: changed at runtime only; the values last as long as this network namespace, and a container or pod made again starts from the kernel defaults") with { Target = hostName });
        }

        output.WriteInformation(Namespaces.OwnerSysctlForms.Render(owner.Namespace, settings));
    }

    // Only some of a plan approved: a key may now run with one value and boot with another.
    private static void WarnWhereRuntimeAndBootDiffer(string hostName, IEnumerable<SettingApplyResult> results, IEngineOutput output)
    {
        foreach (var result in results.Where(r => r.PersistFile is not null && r.After != r.PersistedAfter))
        {
            output.WriteWarning(TwDiagnostic.Warning(
                TwErrorIds.Apply.PartlyApplied,
                $"{hostName}: {result.Key} now runs with {result.After ?? "(absent)"} but boots with {result.PersistedAfter ?? "the kernel default"}, because only part of the change was confirmed; run Set-TwPolicy / twtools apply again to bring them together") with { Target = result.Key });
        }
    }

    private static string Summary(string hostName, TwPolicy policy, ApplyReport report, int declined)
    {
        var declinedNote = declined > 0 ? $"; {declined} change(s) declined" : string.Empty;
        if (report.Changed || report.PersistWritten)
        {
            var count = report.Results.Count(r => r.Changed);
            return $"{hostName}: applied policy '{policy.Name}': {count} key(s) changed{(report.PersistWritten ? $", {report.Plan.Persist!.File} written" : string.Empty)}{declinedNote}.";
        }

        return report.WouldChange
            ? $"{hostName}: policy '{policy.Name}' would change {report.Results.Count(r => r.WouldChange)} key(s); nothing was written."
            : $"{hostName}: no change; the host already matches policy '{policy.Name}'.";
    }
}
