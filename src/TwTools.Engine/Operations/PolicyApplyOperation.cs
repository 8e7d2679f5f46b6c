using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
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

        var approved = plan.Settings
            // The value before is the host's own text: escaped, since -Confirm and -WhatIf show it on a terminal.
            .Where(s => s.RuntimeChange && shouldProcess($"{target.Name}: {s.Key}", TerminalText.Escape($"Set runtime value {s.Before} -> {s.After}{(s.Enforced ? " (enforced: tcp_tw_reuse needs timestamps)" : string.Empty)}")))
            // Restore exactly what the kernel printed, not its normalised form.
            .Select(s => new RuntimeWrite(s.Key, snapshot.RuntimeValue(s.Key)!, s.After))
            .ToList();
        var persist = plan.Persist is { Changed: true } p
            && shouldProcess($"{target.Name}: {p.File}", $"{(p.CurrentContent is null ? "Create" : "Rewrite")} persisted settings ({plan.Settings.Count(s => s.Persist)} keys)")
            ? p
            : null;

        var executable = new ExecutablePlan(approved, persist);
        var outcome = executable.IsEmpty
            ? new ExecutionOutcome(new Dictionary<string, string>(), false)
            : session.Execute(executable, cancellation);

        var results = plan.Settings.Select(s => Result(target.Name, plan, s, approved, outcome)).ToList();
        var report = new ApplyReport(plan, results, outcome.Persisted);
        var declined = plan.Settings.Count(s => s.RuntimeChange) - approved.Count + (plan.Persist is { Changed: true } && persist is null ? 1 : 0);
        if (declined > 0 && !executable.IsEmpty)
        {
            WarnWhereRuntimeAndBootDiffer(target.Name, results, output);
        }

        output.WriteInformation(Summary(target.Name, policy, report, declined));
        return report;
    }

    private static SettingApplyResult Result(string hostName, ApplyPlan plan, PlannedSetting setting, List<RuntimeWrite> approved, ExecutionOutcome outcome)
    {
        var runtimeWritten = approved.Any(w => w.Key == setting.Key);
        var bootChanges = setting.Persist && setting.PersistedBefore != setting.PersistedAfter;
        // A runtime change that was declined (-Confirm: No) leaves the key unchanged, whatever the file got.
        var runtimeDeclined = setting.RuntimeChange && !runtimeWritten;
        var changed = runtimeWritten || (outcome.Persisted && bootChanges && !runtimeDeclined);
        var needed = setting.RuntimeChange || (plan.Persist?.Changed == true && bootChanges);
        return new SettingApplyResult
        {
            Host = hostName,
            Policy = plan.Policy.Name,
            Key = setting.Key,
            Before = setting.Before,
            After = runtimeWritten ? outcome.RuntimeAfter.GetValueOrDefault(setting.Key, setting.After) : setting.Before ?? setting.After,
            Desired = setting.After,
            Changed = changed,
            WouldChange = needed && !changed,
            PersistedBefore = setting.PersistedBefore,
            PersistedAfter = outcome.Persisted || plan.Persist?.Changed == false ? setting.PersistedAfter : setting.PersistedBefore,
            PersistFile = setting.Persist ? plan.Persist?.File : null,
            Enforced = setting.Enforced,
            Note = setting.Note,
        };
    }

    // Only some of a plan approved: a key may now run with one value and boot with another.
    private static void WarnWhereRuntimeAndBootDiffer(string hostName, IEnumerable<SettingApplyResult> results, IEngineOutput output)
    {
        foreach (var result in results.Where(r => r.PersistFile is not null && r.After != r.PersistedAfter))
        {
            output.WriteWarning(TwDiagnostic.Warning(
                TwErrorIds.Apply.PartlyApplied,
                $"{hostName}: {result.Key} now runs with {result.After ?? "(unset)"} but boots with {result.PersistedAfter ?? "the kernel default"}, because only part of the change was confirmed; run Set-TwPolicy / twtools apply again to bring them together") with { Target = result.Key });
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
