using TwTools.Engine.Files;

namespace TwTools.Engine.LocalMachine;

/// <summary>
/// Where a local host's kernel and configuration files are. Tests point these at fixture trees, as
/// iproute2's <c>ss</c> honours PROC_ROOT; paths shown to users stay the host's own (<c>/etc/sysctl.d/...</c>).
/// </summary>
internal sealed record SystemPaths(string ProcRoot, string ConfRoot)
{
    public const string ProcRootVariable = "TWTOOLS_PROC_ROOT";
    public const string ConfRootVariable = "TWTOOLS_CONF_ROOT";

    public static SystemPaths Default { get; } = new("/proc", "/");

    /// <summary>How this host's /proc files and sockets are opened: here, or inside another network namespace.</summary>
    public KernelFiles Files { get; init; } = KernelFiles.Direct;

    public static SystemPaths FromEnvironment()
    {
        var proc = Environment.GetEnvironmentVariable(ProcRootVariable);
        var conf = Environment.GetEnvironmentVariable(ConfRootVariable);
        return new SystemPaths(string.IsNullOrEmpty(proc) ? "/proc" : proc, string.IsNullOrEmpty(conf) ? "/" : conf);
    }

    /// <summary>
    /// Why root must not use these roots, or null. The variables are a test seam; reaching a root process (sudo -E, a unit's
    /// Environment=) they must not let another user's links steer root's reads and writes, so as root each root given
    /// must be root's own and writable by nobody else, all the way up.
    /// </summary>
    public string? DistrustFor(uint user)
    {
        if (user != 0)
        {
            return null;
        }

        foreach (var (variable, root, standard) in new[] { (ProcRootVariable, ProcRoot, Default.ProcRoot), (ConfRootVariable, ConfRoot, Default.ConfRoot) })
        {
            if (root != standard && TrustedDirectory.Problem(root, 0, privateToUser: false, out _) is { } problem)
            {
                return $"{variable}={Text.PrintableText.Of(root, 300)} is {problem}; as root, TwTools uses such a tree only when root owns it " +
                    $"and nobody else can write to it or above it. The variable is for tests: unset it to use this machine's own files.";
            }
        }

        return null;
    }

    public string ProcSys(string relativePath) => Path.Combine(ProcRoot, "sys", relativePath);

    public string Proc(string relativePath) => Path.Combine(ProcRoot, relativePath);

    /// <summary>The file on this machine behind a host path such as <c>/etc/sysctl.d/60-x.conf</c>.</summary>
    public string Physical(string hostPath) => Path.Combine(ConfRoot, hostPath.TrimStart('/'));
}
