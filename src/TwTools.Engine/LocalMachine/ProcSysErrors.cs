using TwTools.Engine.Diagnostics;
using TwTools.Engine.Interop;

namespace TwTools.Engine.LocalMachine;

/// <summary>Turns an errno from a /proc/sys write into the distinct error a user can act on.</summary>
internal static class ProcSysErrors
{
    public static TwDiagnostic For(int errno, string host, string key, string value) => errno switch
    {
        Libc.EROFS => TwDiagnostic.Error(
            TwErrorIds.Apply.ProcSysReadOnly,
            TwErrorCategory.ResourceUnavailable,
            $"{host}: /proc/sys is read-only, so {key} cannot be set (an unprivileged container?). Run TwTools on the host itself, or give the container a writable /proc/sys."),
        Libc.ENOENT => TwDiagnostic.Error(
            TwErrorIds.Apply.KeyMissing,
            TwErrorCategory.ObjectNotFound,
            $"{host}: {key} does not exist on this kernel."),
        Libc.EACCES or Libc.EPERM => TwDiagnostic.Error(
            TwErrorIds.Apply.PermissionDenied,
            TwErrorCategory.PermissionDenied,
            $"{host}: permission denied writing {key}; setting kernel parameters needs root (or CAP_NET_ADMIN in the network namespace)."),
        Libc.EINVAL => TwDiagnostic.Error(
            TwErrorIds.Apply.KernelRejected,
            TwErrorCategory.InvalidArgument,
            $"{host}: the kernel rejected {key} = {Shown(value)} (EINVAL)."),
        _ => TwDiagnostic.Error(
            TwErrorIds.Apply.RuntimeWriteFailed,
            TwErrorCategory.WriteError,
            $"{host}: writing {key} = {Shown(value)} failed: {Libc.Describe(errno)}."),
    } with { Target = key };

    /// <summary>A write the kernel took without an error but holds differently: the value read back is not the one written.</summary>
    public static TwDiagnostic ReadBackMismatch(string host, string key, string wanted, string? now) => TwDiagnostic.Error(
        TwErrorIds.Apply.ReadBackMismatch,
        TwErrorCategory.WriteError,
        $"{host}: {key} reads '{Shown(now ?? "(absent)")}' after TwTools wrote '{Shown(wanted)}': the kernel did not take the value as given, so nothing is reported applied.") with { Target = key };

    /// <summary>A value as a message shows it: a port list can run to tens of kilobytes.</summary>
    public static string Shown(string value) => Text.PrintableText.Of(value, 120);

    /// <summary>One error per cause: a read-only /proc/sys fails every key the same way, and saying so once is enough.</summary>
    public static List<TwDiagnostic> OnePerCause(List<TwDiagnostic> problems) =>
        problems.Where((p, i) => p.Id != TwErrorIds.Apply.ProcSysReadOnly || problems.FindIndex(q => q.Id == p.Id) == i).ToList();

    /// <summary>What follows the cause of a failed apply: which writes were put back ("key = old"), or which could not be.</summary>
    public static TwDiagnostic? AfterRollback(string host, IReadOnlyCollection<string> restored, IReadOnlyCollection<string> notRestored)
    {
        if (notRestored.Count > 0)
        {
            return TwDiagnostic.Error(TwErrorIds.Apply.RollbackFailed, TwErrorCategory.WriteError, $"{host}: could not restore {string.Join(", ", notRestored)}; set them by hand");
        }

        return restored.Count > 0
            ? TwDiagnostic.Warning(TwErrorIds.Apply.RolledBack, $"{host}: restored {string.Join(", ", restored)}; the host is as it was")
            : null;
    }
}
