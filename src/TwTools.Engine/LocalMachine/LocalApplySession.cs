using TwTools.Engine.Diagnostics;
using TwTools.Engine.Hosts;
using TwTools.Engine.Interop;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.LocalMachine;

/// <summary>
/// An apply on this machine: the host's lock is held from before the snapshot was read until the
/// session is disposed, so nothing another apply writes can fall between the read and the writes.
/// </summary>
internal sealed class LocalApplySession : IApplySession
{
    private readonly string _name;
    private readonly SystemPaths _paths;
    private readonly IProcSysAccess _access;
    private readonly IDisposable _lease;

    public LocalApplySession(string name, SystemPaths paths, IProcSysAccess access, KernelSnapshot snapshot, IDisposable lease)
    {
        _name = name;
        _paths = paths;
        _access = access;
        Snapshot = snapshot;
        _lease = lease;
    }

    public KernelSnapshot Snapshot { get; }

    /// <summary>
    /// Takes the host's lock (an flock on /proc/sys/net/ipv4, opened where <paramref name="paths"/> open files: in a
    /// namespace, that namespace's own), then reads the snapshot under it.
    /// </summary>
    public static LocalApplySession Begin(string name, SystemPaths paths, IProcSysAccess access, Func<KernelSnapshot> read, TimeSpan lockTimeout, CancellationToken cancellation)
    {
        var lease = DirectoryLock.Acquire(paths.ProcSys("net/ipv4"), name, lockTimeout, cancellation, paths.Files);
        try
        {
            return new LocalApplySession(name, paths, access, read(), lease);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    public void Dispose() => _lease.Dispose();

    public ExecutionOutcome Execute(ExecutablePlan plan, CancellationToken cancellation)
    {
        Preflight(plan);
        var written = new List<RuntimeWrite>();
        foreach (var write in plan.Writes)
        {
            if (cancellation.IsCancellationRequested)
            {
                ThrowAfterRollback(written, TwDiagnostic.Error(TwErrorIds.Apply.RuntimeWriteFailed, TwErrorCategory.OperationStopped, $"{_name}: the apply was stopped before {write.Key} was written"));
            }

            var errno = _access.Write(PathOf(write.Key), write.After);
            if (errno != 0)
            {
                ThrowAfterRollback(written, ProcSysErrors.For(errno, _name, write.Key, write.After));
            }

            written.Add(write);

            // Applied means what the kernel holds now, not that write(2) returned: read it back before going on.
            var now = _access.Read(PathOf(write.Key));
            if (!SettingValue.AreEqual(KernelSettingCatalog.Get(write.Key), now, write.After))
            {
                ThrowAfterRollback(written, ProcSysErrors.ReadBackMismatch(_name, write.Key, write.After, now));
            }
        }

        if (plan.Persist is { Changed: true } persist)
        {
            try
            {
                // Under the host's lock no other apply is writing: a temp file here is one a killed apply left.
                AtomicFile.RemoveStaleTemps(_paths.Physical(persist.File));
                if (persist.NewContent is null)
                {
                    AtomicFile.Remove(_paths.Physical(persist.File), persist.CurrentContent!);
                }
                else
                {
                    AtomicFile.Write(_paths.Physical(persist.File), persist.NewContent, persist.CurrentContent);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ThrowAfterRollback(written, TwDiagnostic.Error(TwErrorIds.Apply.PersistFailed, TwErrorCategory.WriteError, $"{_name}: cannot write {persist.File}: {e.Message}") with { Target = persist.File });
            }
        }

        var after = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var write in plan.Writes)
        {
            after[write.Key] = SettingValue.NormalizeOrKeep(KernelSettingCatalog.Get(write.Key), _access.Read(PathOf(write.Key)) ?? string.Empty);
        }

        return new ExecutionOutcome(after, plan.Persist?.Changed == true);
    }

    /// <summary>Finds every write that cannot happen before the first one does.</summary>
    private void Preflight(ExecutablePlan plan)
    {
        var problems = new List<TwDiagnostic>();
        foreach (var write in plan.Writes)
        {
            var errno = _access.CheckWritable(PathOf(write.Key));
            if (errno != 0)
            {
                problems.Add(ProcSysErrors.For(errno, _name, write.Key, write.After));
            }
        }

        if (plan.Persist is { Changed: true } persist)
        {
            var directory = Path.GetDirectoryName(_paths.Physical(persist.File))!;
            var existing = Directory.Exists(directory) ? directory : Path.GetDirectoryName(directory)!;
            var errno = _access.CheckWritable(existing);
            if (errno != 0)
            {
                var reason = errno == Libc.EROFS ? "the file system is read-only" : Libc.Describe(errno);
                problems.Add(TwDiagnostic.Error(
                    TwErrorIds.Apply.PersistFailed,
                    errno is Libc.EACCES or Libc.EPERM ? TwErrorCategory.PermissionDenied : TwErrorCategory.WriteError,
                    $"{_name}: cannot write {persist.File}: {reason}") with { Target = persist.File });
            }
        }

        var distinct = ProcSysErrors.OnePerCause(problems);
        if (distinct.Count > 0)
        {
            throw new TwOperationException(distinct);
        }
    }

    private void ThrowAfterRollback(List<RuntimeWrite> written, TwDiagnostic failure)
    {
        var notRestored = new List<string>();
        for (var i = written.Count - 1; i >= 0; i--)
        {
            var write = written[i];
            if (_access.Write(PathOf(write.Key), write.Before) != 0
                || !SettingValue.AreEqual(KernelSettingCatalog.Get(write.Key), _access.Read(PathOf(write.Key)), write.Before))
            {
                notRestored.Add($"{write.Key} (should be {ProcSysErrors.Shown(write.Before)})");
            }
        }

        var diagnostics = new List<TwDiagnostic> { failure };
        if (ProcSysErrors.AfterRollback(_name, written.Select(w => $"{w.Key} = {ProcSysErrors.Shown(w.Before)}").ToList(), notRestored) is { } rollback)
        {
            diagnostics.Add(rollback);
        }

        throw new TwOperationException(diagnostics);
    }

    private string PathOf(string key) => _paths.ProcSys(KernelSettingCatalog.Get(key).ProcSysRelativePath);
}
