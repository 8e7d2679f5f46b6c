using TwTools.Engine.Hosting;
using TwTools.Engine.Planning;
using TwTools.Engine.Policy;

namespace TwTools.Engine.Operations;

/// <summary>
/// Applies a policy to one host: lock, read, plan, ask, write. Front ends call this and nothing
/// else, so Set-TwPolicy and <c>twtools apply</c> behave the same.
/// </summary>
public static class PolicyApplyOperation
{
    public static ApplyReport Run(IKernelHost host, TwPolicy policy, ApplyOptions options, ShouldProcess shouldProcess, IEngineHost output)
    {
        var cancellation = output.Cancellation;
        using var lease = host.LockForApply(options.LockTimeout, cancellation);
        var snapshot = host.ReadKernel(cancellation);
        var plan = PolicyPlanner.Plan(policy, snapshot, options);
        foreach (var note in plan.Diagnostics)
        {
            output.WriteWarning(note);
        }

        var approved = plan.Settings
            .Where(s => s.RuntimeChange && shouldProcess($"{host.Name}: {s.Key}", $"Set runtime value {s.Before} -> {s.After}{(s.Enforced ? " (enforced: tcp_tw_reuse needs timestamps)" : string.Empty)}"))
            // Restore exactly what the kernel printed, not its normalised form.
            .Select(s => new RuntimeWrite(s.Key, snapshot.RuntimeValue(s.Key)!, s.After))
            .ToList();
        var persist = plan.Persist is { Changed: true } p
            && shouldProcess($"{host.Name}: {p.File}", $"{(p.CurrentContent is null ? "Create" : "Rewrite")} persisted settings ({plan.Settings.Count(s => s.Persist)} keys)")
            ? p
            : null;

        var executable = new ExecutablePlan(approved, persist);
        var outcome = executable.IsEmpty
            ? new ExecutionOutcome(new Dictionary<string, string>(), false)
            : host.Execute(executable, cancellation);

        var results = plan.Settings.Select(s => Result(host.Name, plan, s, approved, outcome)).ToList();
        var report = new ApplyReport(plan, results, outcome.Persisted);
        output.WriteInformation(Summary(host.Name, policy, report));
        return report;
    }

    private static SettingApplyResult Result(string hostName, ApplyPlan plan, PlannedSetting setting, List<RuntimeWrite> approved, ExecutionOutcome outcome)
    {
        var runtimeWritten = approved.Any(w => w.Key == setting.Key);
        var bootChanges = setting.Persist && setting.PersistedBefore != setting.PersistedAfter;
        var changed = runtimeWritten || (outcome.Persisted && bootChanges);
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

    private static string Summary(string hostName, TwPolicy policy, ApplyReport report)
    {
        if (report.Changed)
        {
            var count = report.Results.Count(r => r.Changed);
            return $"{hostName}: applied policy '{policy.Name}': {count} key(s) changed{(report.PersistWritten ? $", {report.Plan.Persist!.File} written" : string.Empty)}.";
        }

        return report.WouldChange
            ? $"{hostName}: policy '{policy.Name}' would change {report.Results.Count(r => r.WouldChange)} key(s); nothing was written."
            : $"{hostName}: no change; the host already matches policy '{policy.Name}'.";
    }
}
