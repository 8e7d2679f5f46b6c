using TwTools.Engine.LocalMachine;
using TwTools.Engine.Kernel;

namespace TwTools.Engine.Tests;

/// <summary>
/// A throw-away host in a temp directory: <c>proc/sys/...</c> files with kernel-like values and a
/// configuration root for sysctl.d, so the engine runs unchanged against files the test controls.
/// </summary>
internal sealed class HostTree : IDisposable
{
    public HostTree(bool withRecycle = false, bool withReuseDelay = true)
    {
        Root = Directory.CreateTempSubdirectory("twtools-host-").FullName;
        Paths = new SystemPaths(Path.Combine(Root, "proc"), Path.Combine(Root, "conf"));
        Directory.CreateDirectory(Paths.ProcSys("net/ipv4"));
        Directory.CreateDirectory(Paths.ProcSys("kernel"));
        Directory.CreateDirectory(Paths.Physical("/etc/sysctl.d"));
        File.WriteAllText(Paths.ProcSys("kernel/osrelease"), "6.18.0-test\n");
        File.WriteAllText(Paths.ProcSys("net/ipv4/ip_unprivileged_port_start"), "1024\n");
        Set(KernelSettingCatalog.TcpTimestamps, "1");
        Set(KernelSettingCatalog.TcpTwReuse, "2");
        Set(KernelSettingCatalog.IpLocalPortRange, "32768\t60999");
        Set(KernelSettingCatalog.IpLocalReservedPorts, string.Empty);
        Set(KernelSettingCatalog.TcpFinTimeout, "60");
        Set(KernelSettingCatalog.TcpMaxTwBuckets, "262144");
        Set(KernelSettingCatalog.IpAutobindReuse, "0");
        if (withReuseDelay)
        {
            Set(KernelSettingCatalog.TcpTwReuseDelay, "1000");
        }

        if (withRecycle)
        {
            Set(KernelSettingCatalog.TcpTwRecycle, "0");
        }
    }

    public string Root { get; }

    public SystemPaths Paths { get; }

    public LocalKernelHost Host(IProcSysAccess? access = null) => new("test-host", Paths, access);

    public void Set(string key, string value) => File.WriteAllText(ProcPath(key), value + "\n");

    public string Get(string key) => File.ReadAllText(ProcPath(key)).TrimEnd('\n');

    public string ProcPath(string key) => Paths.ProcSys(key.Replace('.', '/'));

    public void WriteConf(string hostPath, string content)
    {
        var path = Paths.Physical(hostPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string? ReadConf(string hostPath) =>
        File.Exists(Paths.Physical(hostPath)) ? File.ReadAllText(Paths.Physical(hostPath)) : null;

    /// <summary>Every file under the tree with its bytes, to prove an operation wrote nothing.</summary>
    public Dictionary<string, string> Fingerprint() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Root, f), File.ReadAllText);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
