using TwTools.Engine.Diagnostics;
using TwTools.Engine.Interop;
using TwTools.Engine.Text;

namespace TwTools.Engine.Namespaces;

/// <summary>What goes wrong naming or entering a namespace, said so a person knows what to do.</summary>
internal static class NamespaceErrors
{
    public static TwOperationException CannotOpen(string what, string path, int errno) => new(errno switch
    {
        Libc.ENOENT or Libc.ENOTDIR => TwDiagnostic.BadInput(TwErrorIds.Input.NoSuchNamespace, TwErrorCategory.ObjectNotFound,
            $"{PrintableText.Of(what, 300)}: there is no network namespace at {PrintableText.Of(path, 300)} (ip netns list names the named ones)"),
        Libc.EINVAL => TwDiagnostic.BadInput(TwErrorIds.Input.NoSuchNamespace, TwErrorCategory.ObjectNotFound,
            $"{PrintableText.Of(what, 300)}: {PrintableText.Of(path, 300)} is not a network namespace file (a name whose namespace was deleted leaves an ordinary file behind)"),
        Libc.EACCES or Libc.EPERM => TwDiagnostic.Error(TwErrorIds.Namespace.NotPermitted, TwErrorCategory.PermissionDenied,
            $"{PrintableText.Of(what, 300)}: not permitted to open {PrintableText.Of(path, 300)}; entering another process's namespace needs root, or CAP_SYS_ADMIN with ptrace access to that process"),
        _ => TwDiagnostic.Error(TwErrorIds.Namespace.Gone, TwErrorCategory.ReadError, $"{PrintableText.Of(what, 300)}: cannot open {PrintableText.Of(path, 300)}: {Libc.Describe(errno)}"),
    } with { Target = path });

    public static TwOperationException CannotEnter(string label, int errno) => new((errno is Libc.EPERM or Libc.EACCES
        ? TwDiagnostic.Error(TwErrorIds.Namespace.NotPermitted, TwErrorCategory.PermissionDenied,
            $"{PrintableText.Of(label, 300)}: not permitted to enter its network namespace (setns needs root or CAP_SYS_ADMIN)")
        : TwDiagnostic.Error(TwErrorIds.Namespace.Gone, TwErrorCategory.ResourceUnavailable,
            $"{PrintableText.Of(label, 300)}: cannot enter its network namespace: {Libc.Describe(errno)}")) with { Target = label });

    /// <param name="found">Found by --all-netns rather than named: then its going away is news (a warning), not a failure.</param>
    public static TwOperationException Gone(string label, string path, bool found = false)
    {
        var message = $"{PrintableText.Of(label, 300)}: its network namespace is gone ({PrintableText.Of(path, 300)} no longer leads to it); the container or process stopped";
        return new((found ? TwDiagnostic.Warning(TwErrorIds.Namespace.Gone, message) : TwDiagnostic.Error(TwErrorIds.Namespace.Gone, TwErrorCategory.ResourceUnavailable, message)) with { Target = label });
    }

    public static TwOperationException NoSuchContainer(string nameOrId, string problems) => new(TwDiagnostic.BadInput(TwErrorIds.Input.NoSuchContainer, TwErrorCategory.ObjectNotFound,
        $"no running container or pod named '{PrintableText.Of(nameOrId, 200)}' in podman or docker on this machine{problems}") with { Target = nameOrId });

    public static TwOperationException NotRunning(string name) => new(TwDiagnostic.Error(TwErrorIds.Namespace.Gone, TwErrorCategory.ResourceUnavailable,
        $"container '{PrintableText.Of(name, 200)}' is not running, so it has no network namespace to read") with { Target = name });
}
