using TwTools.Engine.Kernel;

namespace TwTools.Engine.Namespaces;

/// <summary>A snapshot read as it always was, now saying which network namespace it is of.</summary>
internal static class SnapshotNaming
{
    public static KernelSnapshot Named(KernelSnapshot s, NetworkNamespace ns) => new()
    {
        HostName = s.HostName, KernelRelease = s.KernelRelease, Runtime = s.Runtime, Persisted = s.Persisted,
        UnprivilegedPortStart = s.UnprivilegedPortStart, TimeWaitOverflow = s.TimeWaitOverflow, Namespace = ns,
        Owner = s.Owner, SysctlDIsHosts = s.SysctlDIsHosts,
    };
}
