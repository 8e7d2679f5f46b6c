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

    public static SystemPaths FromEnvironment()
    {
        var proc = Environment.GetEnvironmentVariable(ProcRootVariable);
        var conf = Environment.GetEnvironmentVariable(ConfRootVariable);
        return new SystemPaths(string.IsNullOrEmpty(proc) ? "/proc" : proc, string.IsNullOrEmpty(conf) ? "/" : conf);
    }

    public string ProcSys(string relativePath) => Path.Combine(ProcRoot, "sys", relativePath);

    public string Proc(string relativePath) => Path.Combine(ProcRoot, relativePath);

    /// <summary>The file on this machine behind a host path such as <c>/etc/sysctl.d/60-x.conf</c>.</summary>
    public string Physical(string hostPath) => Path.Combine(ConfRoot, hostPath.TrimStart('/'));
}
