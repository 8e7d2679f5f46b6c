using TwTools.Engine.Diagnostics;
using TwTools.Engine.Hosting;
using TwTools.Engine.Interop;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Remote;

/// <summary>
/// Reads a host's answer to <see cref="ApplyProgram"/> into the outcome a local apply returns, or
/// into the same errors a local apply throws (a remote host fails with the ids a local one does).
/// </summary>
public static class ApplyAnswer
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
            var fields = line.Split(' ', 3);
            switch (fields[0])
            {
                case "X":
                    problems.Add(TwDiagnostic.Error(TwErrorIds.LockTimeout, TwErrorCategory.ResourceBusy, $"{hostName}: another apply holds /proc/sys/net/ipv4; try again, or raise the lock timeout"));
                    break;
                case "P" when fields.Length >= 3:
                    problems.Add(Preflight(hostName, fields[1], fields[2], plan));
                    break;
                case "C":
                    problems.Add(Conflict(hostName, fields));
                    break;
                case "W" when fields.Length == 3:
                    var value = plan.Writes.First(w => w.Key == fields[1]).After;
                    problems.Add(ProcSysErrors.For(Errno(RemoteAnswers.Decode(hostName, fields[2])), hostName, fields[1], value));
                    break;
                case "R" when fields.Length == 3:
                    var before = plan.Writes.First(w => w.Key == fields[2]).Before;
                    (fields[1] == "ok" ? restored : notRestored).Add(fields[1] == "ok" ? $"{fields[2]} = {before}" : $"{fields[2]} (should be {before})");
                    break;
                case "F" when fields.Length >= 2 && fields[1] == "written":
                    persisted = true;
                    break;
                case "F" when fields.Length == 3:
                    var file = plan.Persist!.File;
                    problems.Add(TwDiagnostic.Error(TwErrorIds.PersistFailed, TwErrorCategory.WriteError, $"{hostName}: cannot write {file}: {RemoteAnswers.Decode(hostName, fields[2]).Trim()}") with { Target = file });
                    break;
                case "A" when fields.Length >= 2:
                    var definition = KernelSettingCatalog.Get(fields[1]);
                    after[fields[1]] = SettingValue.NormalizeOrKeep(definition, fields.Length == 3 ? fields[2] : string.Empty);
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
            if (notRestored.Count > 0)
            {
                problems.Add(TwDiagnostic.Error(TwErrorIds.RollbackFailed, TwErrorCategory.WriteError, $"{hostName}: could not restore {string.Join(", ", notRestored)}; set them by hand"));
            }
            else if (restored.Count > 0)
            {
                problems.Add(TwDiagnostic.Warning(TwErrorIds.RolledBack, $"{hostName}: restored {string.Join(", ", restored)}; the host is as it was"));
            }

            var distinct = problems.Where((p, i) => p.Id != TwErrorIds.ProcSysReadOnly || problems.FindIndex(q => q.Id == p.Id) == i).ToList();
            throw new TwException(distinct);
        }

        if (!complete)
        {
            throw RemoteAnswers.Malformed(hostName, "the apply answer was cut short; check the host by hand", null);
        }

        return new ExecutionOutcome(after, persisted);
    }

    private static TwDiagnostic Preflight(string hostName, string kind, string subject, ExecutablePlan plan) => kind switch
    {
        "missing" => ProcSysErrors.For(Libc.ENOENT, hostName, subject, Value(plan, subject)),
        "readonly" => ProcSysErrors.For(Libc.EROFS, hostName, subject, Value(plan, subject)),
        "denied" => ProcSysErrors.For(Libc.EACCES, hostName, subject, Value(plan, subject)),
        _ => TwDiagnostic.Error(TwErrorIds.PersistFailed, TwErrorCategory.PermissionDenied, $"{hostName}: cannot write {plan.Persist!.File}: permission denied on {subject}") with { Target = plan.Persist.File },
    };

    private static TwDiagnostic Conflict(string hostName, string[] fields)
    {
        var what = fields[1] == "persist" ? "its persisted file" : fields[1];
        var now = fields.Length == 3 ? $" (now {RemoteAnswers.Decode(hostName, fields[2])})" : string.Empty;
        return TwDiagnostic.Error(
            TwErrorIds.RemoteConflict,
            TwErrorCategory.ResourceBusy,
            $"{hostName}: {what} changed between the read and the apply{now}; nothing was written, run again to plan against the new state") with { Target = fields[1] };
    }

    private static string Value(ExecutablePlan plan, string key) => plan.Writes.FirstOrDefault(w => w.Key == key)?.After ?? string.Empty;

    // sh reports a failed redirection with strerror's text; map it back to the errno it came from.
    private static int Errno(string message) =>
        message.Contains("Invalid argument", StringComparison.Ordinal) ? Libc.EINVAL
        : message.Contains("Read-only", StringComparison.Ordinal) ? Libc.EROFS
        : message.Contains("Permission denied", StringComparison.Ordinal) ? Libc.EACCES
        : message.Contains("Operation not permitted", StringComparison.Ordinal) ? Libc.EPERM
        : message.Contains("No such file", StringComparison.Ordinal) ? Libc.ENOENT
        : Libc.EIO;
}
