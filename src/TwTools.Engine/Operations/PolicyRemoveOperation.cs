using TwTools.Engine.Diagnostics;
using TwTools.Engine.FrontEnd;
using TwTools.Engine.Hosts;
using TwTools.Engine.Planning;
using TwTools.Engine.Policy;
using TwTools.Engine.SysctlD;

namespace TwTools.Engine.Operations;

/// <summary>
/// Remove-TwPolicy and <c>twtools remove</c>: takes a policy's persisted file off a host, under the same lock and change
/// checks an apply uses, so a host switched to another policy keeps no file of the old one that would win at boot.
/// Only a file TwTools wrote is removed unless forced; runtime values are left as they are.
/// </summary>
public static class PolicyRemoveOperation
{
    public static PolicyRemovalResult Run(IKernelHost target, TwPolicy policy, ApplyOptions options, ShouldProcess shouldProcess, IEngineOutput output)
    {
        using var session = target.BeginApply(options.LockTimeout, output.Cancellation);
        var file = policy.Persist.File;
        var result = new PolicyRemovalResult { Host = target.Name, Policy = policy.Name, File = file };
        if (session.Snapshot.Owner is not null)
        {
            throw new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidArgument, TwErrorCategory.InvalidArgument,
                $"{target.Name}: a container's or pod's network namespace has no sysctl.d, so there is no policy file to remove; its values at creation are its owner's (--sysctl, securityContext.sysctls)") with { Target = target.Name });
        }

        var existing = session.Snapshot.Persisted.Find(file);
        if (existing is null)
        {
            output.WriteInformation($"{target.Name}: {file} is not there; nothing to remove.");
            return result;
        }

        if ((existing.LinkTarget is not null || !PersistFileRenderer.IsWrittenByTwTools(existing.Content)) && !options.ReplaceForeignFile)
        {
            var what = existing.LinkTarget is { } link ? $"a link to {link}" : "a file TwTools did not write (no TwTools header)";
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Apply.PersistFileNotOurs, TwErrorCategory.ResourceUnavailable,
                $"{target.Name}: {file} is {what}, so it is not policy '{policy.Name}''s to remove; remove it by hand, or on purpose with --force / -Force") with { Target = file });
        }

        var after = SysctlConfigSet.FromFiles(session.Snapshot.Persisted.AllFiles.Where(f => f.Path != file));
        var note = BootNote(session.Snapshot.Persisted, after, existing);
        result = result with { Existed = true, Note = note };
        if (!shouldProcess($"{target.Name}: {file}", $"Remove the persisted settings of policy '{policy.Name}'"))
        {
            return result with { WouldRemove = true };
        }

        session.Execute(new ExecutablePlan([], new PersistPlan(file, existing.Content, null)), output.Cancellation);
        output.WriteInformation($"{target.Name}: removed {file}. {note}");
        return result with { Removed = true };
    }

    // What boot gives each key the file set, without it: another file's line, or the kernel's default.
    private static string BootNote(SysctlConfigSet before, SysctlConfigSet after, SysctlConfFile removed)
    {
        var keys = removed.Assignments.Where(a => !a.IsGlob && !a.Excludes).Select(a => a.Key).Distinct(StringComparer.Ordinal)
            .Where(k => before.Effective(k)?.File == removed.Path)
            .Select(k => after.Effective(k) is { } next ? $"{k} {next.Value} ({next.File}:{next.Line})" : $"{k} the kernel default")
            .ToList();
        return keys.Count == 0
            ? "Runtime values are unchanged, and no key it set was in force at boot."
            : $"Runtime values are unchanged; at boot the host now gets {string.Join(", ", keys)}.";
    }
}
