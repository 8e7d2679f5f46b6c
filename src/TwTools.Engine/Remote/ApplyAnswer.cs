using TwTools.Engine.Diagnostics;
using TwTools.Engine.Interop;
using TwTools.Engine.Kernel;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Planning;
using TwTools.Engine.Text;

namespace TwTools.Engine.Remote;

/// <summary>
/// Reads a host's answer to <see cref="ApplyProgram"/> into the outcome a local apply returns, or
/// into the same errors a local apply throws (a remote host fails with the ids a local one does).
/// The host is not trusted: a line naming a key the plan did not write is a protocol error.
/// </summary>
internal static class ApplyAnswer
{
    public static ExecutionOutcome Parse(string hostName, ExecutablePlan plan, string output)
    {
        var lines = output.Split('\n');
        if (lines[0] != ApplyProgram.Header)
        {
            throw RemoteAnswers.Malformed(hostName, "the apply program did not start", lines[0]);
        }

        var problems = new List<TwDiagnostic>();
        var restored = new List<string>();
        var notRestored = new List<string>();
        var after = new Dictionary<string, string>(StringComparer.Ordinal);
        var persisted = false;
        var complete = false;
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            if (RemoteAnswers.ProcSysValue(hostName, line, k => plan.Writes.Any(w => w.Key == k)) is var (readKey, readValue))
            {
                after[readKey] = SettingValue.NormalizeOrKeep(KernelSettingCatalog.Get(readKey), readValue);
                continue;
            }

            var fields = line.Split(' ', 3);
            RuntimeWrite Planned(int index) =>
                fields.Length > index && plan.Writes.FirstOrDefault(w => w.Key == fields[index]) is { } write
                    ? write
                    : throw RemoteAnswers.Malformed(hostName, "the answer names a key the plan did not write", line);
            string Persisted() => plan.Persist?.File ?? throw RemoteAnswers.Malformed(hostName, "the answer reports a file the plan did not write", line);

            switch (fields[0])
            {
                case "T":
                    throw RemoteAnswers.ToolsMissing(hostName, line[1..], "apply a policy under the host's lock");
                case "N":
                    throw RemoteAnswers.CannotEnterNamespace(hostName, line[1..].Trim());
                case "K":
                    throw RemoteAnswers.NotANamespaceFile(hostName);
                case "G":
                    throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Namespace.Gone, TwErrorCategory.ResourceUnavailable,
                        $"{hostName}: the network namespace went away before the apply reached it; nothing was written") with { Target = hostName });
                case "X":
                    problems.Add(TwDiagnostic.Error(TwErrorIds.Apply.LockTimeout, TwErrorCategory.ResourceBusy, $"{hostName}: another apply holds /proc/sys/net/ipv4; try again, or raise the lock timeout"));
                    break;
                case "P" when fields.Length == 3 && fields[1] is "persist-denied" or "persist-readonly":
                    var file = Persisted();
                    problems.Add(fields[1] == "persist-readonly"
                        ? TwDiagnostic.Error(TwErrorIds.Apply.PersistFailed, TwErrorCategory.WriteError, $"{hostName}: cannot write {file}: the file system is read-only") with { Target = file }
                        : TwDiagnostic.Error(TwErrorIds.Apply.PersistFailed, TwErrorCategory.PermissionDenied, $"{hostName}: cannot write {file}: permission denied") with { Target = file });
                    break;
                case "P" when fields.Length == 3:
                    var errno = fields[1] switch
                    {
                        "missing" => Libc.ENOENT,
                        "readonly" => Libc.EROFS,
                        "denied" => Libc.EACCES,
                        _ => throw RemoteAnswers.Malformed(hostName, "unknown preflight result", line),
                    };
                    problems.Add(ProcSysErrors.For(errno, hostName, fields[2], Planned(2).After));
                    break;
                case "C" when fields.Length >= 2:
                    var subject = fields[1] == "persist" ? Persisted() : Planned(1).Key;
                    problems.Add(Conflict(hostName, subject, fields.Length == 3 ? RemoteAnswers.Decode(hostName, fields[2]) : null));
                    break;
                case "W" when fields.Length == 3:
                    problems.Add(ProcSysErrors.For(Errno(RemoteAnswers.Decode(hostName, fields[2])), hostName, fields[1], Planned(1).After));
                    break;
                case "V" when fields.Length == 2:
                    problems.AddRange(Mismatches(hostName, plan, RemoteAnswers.Decode(hostName, fields[1])));
                    break;
                case "R" when fields.Length == 3 && fields[1] is "ok" or "failed":
                    var undone = Planned(2);
                    (fields[1] == "ok" ? restored : notRestored).Add(fields[1] == "ok" ? $"{undone.Key} = {undone.Before}" : $"{undone.Key} (should be {undone.Before})");
                    break;
                case "F" when fields.Length == 2 && fields[1] is "written" or "removed":
                    Persisted();
                    persisted = true;
                    break;
                case "F" when fields.Length == 3:
                    var target = Persisted();
                    var reason = PrintableText.Of(RemoteAnswers.Decode(hostName, fields[2]).Trim(), 200);
                    problems.Add(TwDiagnostic.Error(TwErrorIds.Apply.PersistFailed, TwErrorCategory.WriteError, $"{hostName}: cannot write {target}: {reason}") with { Target = target });
                    break;
                case ReadProgram.Trailer:
                    complete = true;
                    break;
                default:
                    throw RemoteAnswers.Malformed(hostName, "unexpected apply answer", line);
            }
        }

        if (problems.Count > 0)
        {
            // The same order a local failure reports: the cause, then what was put back.
            if (ProcSysErrors.AfterRollback(hostName, restored, notRestored) is { } rollback)
            {
                problems.Add(rollback);
            }

            throw new TwOperationException(ProcSysErrors.OnePerCause(problems));
        }

        if (!complete)
        {
            throw RemoteKernelHost.OutcomeUnknown(hostName, "the answer ended before the apply program did");
        }

        // A key the host could not read back reads as empty, as the kernel would show an unreadable file.
        foreach (var write in plan.Writes.Where(w => !after.ContainsKey(w.Key)))
        {
            after[write.Key] = SettingValue.NormalizeOrKeep(KernelSettingCatalog.Get(write.Key), string.Empty);
        }

        return new ExecutionOutcome(after, persisted);
    }

    /// <summary>The keys whose value read back differs from the one written, from the host's "path:value" lines.</summary>
    private static IEnumerable<TwDiagnostic> Mismatches(string hostName, ExecutablePlan plan, string readBack)
    {
        var now = readBack.Split('\n')
            .Select(line => RemoteAnswers.ProcSysValue(hostName, line, k => plan.Writes.Any(w => w.Key == k)))
            .OfType<(string Key, string Value)>()
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var differ = plan.Writes
            .Where(w => !SettingValue.AreEqual(KernelSettingCatalog.Get(w.Key), now.GetValueOrDefault(w.Key), w.After))
            .Select(w => ProcSysErrors.ReadBackMismatch(hostName, w.Key, w.After, now.GetValueOrDefault(w.Key)))
            .ToList();
        // The host compares text: a difference only in how a value is spelled is still one it reported, and it put everything back.
        return differ.Count > 0 ? differ : [ProcSysErrors.ReadBackMismatch(hostName, plan.Writes[0].Key, plan.Writes[0].After, now.GetValueOrDefault(plan.Writes[0].Key))];
    }

    private static TwDiagnostic Conflict(string hostName, string subject, string? now) =>
        TwDiagnostic.Error(
            TwErrorIds.Remote.ChangedDuringApply,
            TwErrorCategory.ResourceBusy,
            $"{hostName}: {subject} changed between the read and the apply{(now is null ? string.Empty : $" (now {PrintableText.Of(now, 80)})")}; nothing was written, run again to plan against the new state") with { Target = subject };

    // sh reports a failed redirection with strerror's text; map it back to the errno it came from.
    private static int Errno(string message) =>
        message.Contains("Invalid argument", StringComparison.Ordinal) ? Libc.EINVAL
        : message.Contains("Read-only", StringComparison.Ordinal) ? Libc.EROFS
        : message.Contains("Permission denied", StringComparison.Ordinal) ? Libc.EACCES
        : message.Contains("Operation not permitted", StringComparison.Ordinal) ? Libc.EPERM
        : message.Contains("No such file", StringComparison.Ordinal) ? Libc.ENOENT
        : Libc.EIO;
}
