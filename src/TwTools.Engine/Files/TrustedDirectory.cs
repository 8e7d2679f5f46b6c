using System.Runtime.InteropServices;
using TwTools.Engine.Interop;

namespace TwTools.Engine.Files;

/// <summary>
/// Directories root's runs depend on (ssh's control sockets, sysctl.d, a test root) must be ones no
/// other local user can steer: created with exact modes whatever the umask, and checked as OpenSSH
/// checks its own files: every directory on the real path belongs to root or the user, and none that
/// others may write to lets them replace what is in it (only a sticky one, such as /tmp, is allowed).
/// </summary>
internal static class TrustedDirectory
{
    public static uint EffectiveUser => Libc.Geteuid();

    /// <summary>mkdir -p where each directory made gets exactly <paramref name="mode"/>: under umask 000 a 0755 directory stays 0755.</summary>
    public static void Create(string path, uint mode)
    {
        var full = Path.GetFullPath(path);
        var missing = new Stack<string>();
        for (var at = full; at is not null && PathStatus.Of(at) is null; at = Path.GetDirectoryName(at))
        {
            missing.Push(at);
        }

        while (missing.TryPop(out var directory))
        {
            if (Libc.Mkdir(directory, mode) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != Libc.EEXIST)
            {
                throw new IOException($"cannot create {directory}: {Libc.Describe(errno)}");
            }

            if (Libc.Chmod(directory, mode) != 0)
            {
                throw new IOException($"cannot set the mode of {directory}: {Libc.Describe(Marshal.GetLastPInvokeError())}");
            }
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be trusted by <paramref name="user"/>, or null when it can; <paramref name="real"/>
    /// is the path with every link resolved, the one to use from here on so that a link swapped later changes nothing.
    /// </summary>
    /// <param name="privateToUser">No group or other bit at all on the directory itself (0700), as for sockets that run commands.</param>
    public static string? Problem(string path, uint user, bool privateToUser, out string real)
    {
        real = path;
        var status = PathStatus.Of(path);
        if (status is null)
        {
            return "missing";
        }

        if (ResolvedPath(path) is not { } resolved)
        {
            return "not a directory TwTools can resolve";
        }

        real = resolved;
        var self = PathStatus.Of(real);
        if (self is not { IsDirectory: true } directory)
        {
            return "not a directory";
        }

        if (directory.Owner != user)
        {
            return $"owned by uid {directory.Owner}, not by uid {user} ({directory.Describe()})";
        }

        var open = privateToUser ? PathStatus.OpenToOthers : PathStatus.WritableByOthers;
        if ((directory.Mode & open) != 0)
        {
            return privateToUser ? $"open to other users ({directory.Describe()})" : $"writable by other users ({directory.Describe()})";
        }

        for (var parent = Path.GetDirectoryName(real); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (PathStatus.Of(parent) is not { } above || AncestorProblem(above, user) is not { } problem)
            {
                continue;
            }

            return $"inside {parent}, which is {problem}";
        }

        return null;
    }

    private static string? AncestorProblem(PathStatus status, uint user)
    {
        if (status.Owner != 0 && status.Owner != user)
        {
            return $"owned by uid {status.Owner} ({status.Describe()})";
        }

        return (status.Mode & PathStatus.WritableByOthers) != 0 && (status.Mode & PathStatus.Sticky) == 0
            ? $"writable by other users without the sticky bit ({status.Describe()})"
            : null;
    }

    private static string? ResolvedPath(string path)
    {
        var pointer = Libc.RealPath(path, 0);
        if (pointer == 0)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(pointer);
        }
        finally
        {
            Libc.Free(pointer);
        }
    }
}
