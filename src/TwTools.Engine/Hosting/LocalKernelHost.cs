using TwTools.Engine.Diagnostics;
using TwTools.Engine.Interop;
using TwTools.Engine.Kernel;
using TwTools.Engine.Planning;

namespace TwTools.Engine.Hosting;

/// <summary>
/// The machine TwTools runs on, or the network namespace it was started in: /proc/sys and sysctl.d
/// are read and written directly.
/// </summary>
public sealed class LocalKernelHost : IKernelHost
{
    private readonly SystemPaths _paths;
    private readonly IProcSysAccess _access;

    public LocalKernelHost(string name = "localhost", SystemPaths? paths = null, IProcSysAccess? access = null)
    {
        Name = name;
        _paths = paths ?? SystemPaths.FromEnvironment();
        _access = access ?? new LibcProcSysAccess();
    }

    public string Name { get; }

    public KernelSnapshot ReadKernel(CancellationToken cancellation) => new LocalKernelReader(_paths).Read(Name);

    public IDisposable LockForApply(TimeSpan timeout, CancellationToken cancellation) =>
        DirectoryLock.Acquire(_paths.ProcSys("net/ipv4"), Name, timeout, cancellation);

    public ExecutionOutcome Execute(ExecutablePlan plan, CancellationToken cancellation)
    {
        Preflight(plan);
        var written = new List<RuntimeWrite>();
        foreach (var write in plan.Writes)
        {
            if (cancellation.IsCancellationRequested)
            {
                ThrowAfterRollback(written, TwDiagnostic.Error(TwErrorIds.RuntimeWriteFailed, TwErrorCategory.OperationStopped, $"{Name}: the apply was stopped before {write.Key} was written"));
            }

            var errno = _access.Write(PathOf(write.Key), write.After);
            if (errno != 0)
            {
                ThrowAfterRollback(written, ProcSysErrors.For(errno, Name, write.Key, write.After));
            }

            written.Add(write);
        }

        if (plan.Persist is { Changed: true } persist)
        {
            try
            {
                // Under the host's lock no other apply is writing: a temp file here is one a killed apply left.
                AtomicFile.RemoveStaleTemps(_paths.Physical(persist.File));
                AtomicFile.Write(_paths.Physical(persist.File), persist.NewContent, persist.CurrentContent);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ThrowAfterRollback(written, TwDiagnostic.Error(TwErrorIds.PersistFailed, TwErrorCategory.WriteError, $"{Name}: cannot write {persist.File}: {e.Message}") with { Target = persist.File });
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
                problems.Add(ProcSysErrors.For(errno, Name, write.Key, write.After));
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
                    TwErrorIds.PersistFailed,
                    errno is Libc.EACCES or Libc.EPERM ? TwErrorCategory.PermissionDenied : TwErrorCategory.WriteError,
                    $"{Name}: cannot write {persist.File}: {reason}") with { Target = persist.File });
            }
        }

        var distinct = ProcSysErrors.OnePerCause(problems);
        if (distinct.Count > 0)
        {
            throw new TwException(distinct);
        }
    }

    private void ThrowAfterRollback(List<RuntimeWrite> written, TwDiagnostic failure)
    {
        var notRestored = new List<string>();
        for (var i = written.Count - 1; i >= 0; i--)
        {
            var write = written[i];
            if (_access.Write(PathOf(write.Key), write.Before) != 0)
            {
                notRestored.Add($"{write.Key} (should be {write.Before})");
            }
        }

        var diagnostics = new List<TwDiagnostic> { failure };
        if (ProcSysErrors.AfterRollback(Name, written.Select(w => $"{w.Key} = {w.Before}").ToList(), notRestored) is { } rollback)
        {
            diagnostics.Add(rollback);
        }

        throw new TwException(diagnostics);
    }

    private string PathOf(string key) => _paths.ProcSys(KernelSettingCatalog.Get(key).ProcSysRelativePath);
}
