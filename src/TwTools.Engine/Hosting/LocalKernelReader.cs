using System.Globalization;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Kernel;
using TwTools.Engine.SysctlD;

namespace TwTools.Engine.Hosting;

/// <summary>Reads a <see cref="KernelSnapshot"/> from this machine's /proc and sysctl.d files.</summary>
public sealed class LocalKernelReader
{
    private readonly SystemPaths _paths;

    public LocalKernelReader(SystemPaths paths) => _paths = paths;

    public KernelSnapshot Read(string hostName)
    {
        var runtime = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var definition in KernelSettingCatalog.All)
        {
            var value = TryReadText(_paths.ProcSys(definition.ProcSysRelativePath));
            if (value is not null)
            {
                runtime[definition.Key] = value.TrimEnd('\n');
            }
        }

        var unprivileged = TryReadText(_paths.ProcSys(KernelSettingCatalog.IpUnprivilegedPortStart.Replace('.', '/')));
        var netstat = TryReadText(_paths.Proc("net/netstat"));
        return new KernelSnapshot
        {
            HostName = hostName,
            KernelRelease = TryReadText(_paths.ProcSys("kernel/osrelease"))?.Trim() ?? "unknown",
            Runtime = runtime,
            Persisted = ReadSysctlFiles(),
            UnprivilegedPortStart = int.TryParse(unprivileged?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1024,
            TimeWaitOverflow = netstat is null ? null : NetstatCounters.Find(netstat, "TcpExt", "TCPTimeWaitOverflow"),
        };
    }

    public SysctlConfigSet ReadSysctlFiles()
    {
        var files = new List<SysctlConfFile>();
        foreach (var directory in SysctlLocations.Directories)
        {
            var physical = _paths.Physical(directory);
            if (!Directory.Exists(physical))
            {
                continue;
            }

            foreach (var path in Directory.EnumerateFiles(physical, "*.conf"))
            {
                var hostPath = directory + "/" + Path.GetFileName(path);
                files.Add(ReadConfFile(path, hostPath));
            }
        }

        var sysctlConf = _paths.Physical(SysctlLocations.SysctlConf);
        if (File.Exists(sysctlConf))
        {
            files.Add(ReadConfFile(sysctlConf, SysctlLocations.SysctlConf));
        }

        return SysctlConfigSet.FromFiles(files);
    }

    private SysctlConfFile ReadConfFile(string physicalPath, string hostPath)
    {
        string? linkTarget = null;
        var info = new FileInfo(physicalPath);
        if (info.LinkTarget is { } target)
        {
            linkTarget = SysctlConfFile.ResolveLink(hostPath, target);
        }

        try
        {
            return new SysctlConfFile(hostPath, File.ReadAllText(physicalPath), linkTarget);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TwException(
                TwDiagnostic.Error(TwErrorIds.ReadFailed, TwErrorCategory.ReadError, $"Cannot read {hostPath}: {e.Message}") with { Target = hostPath },
                e);
        }
    }

    private static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}
