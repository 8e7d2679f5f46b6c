using System.Globalization;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Files;
using TwTools.Engine.Kernel;
using TwTools.Engine.SysctlD;
using TwTools.Engine.Text;

namespace TwTools.Engine.LocalMachine;

/// <summary>Reads a <see cref="KernelSnapshot"/> from this machine's /proc and sysctl.d files.</summary>
internal sealed class LocalKernelReader
{
    private readonly SystemPaths _paths;

    public LocalKernelReader(SystemPaths paths) => _paths = paths;

    /// <param name="owner">For a namespace that is not the host's: the host's sysctl.d never reaches it, so it is not read.</param>
    /// <param name="sysctlDIsHosts">Read the host's sysctl.d although <paramref name="owner"/> is set: TwTools runs in its namespace.</param>
    public KernelSnapshot Read(string hostName, NamespaceOwner? owner = null, bool sysctlDIsHosts = false)
    {
        var runtime = RuntimeValues();

        var unprivileged = TryReadText(_paths.ProcSys(KernelSettingCatalog.IpUnprivilegedPortStart.Replace('.', '/')));
        var netstat = TryReadText(_paths.Proc("net/netstat"));
        return new KernelSnapshot
        {
            HostName = hostName,
            KernelRelease = TryReadText(_paths.ProcSys("kernel/osrelease"))?.Trim() ?? "unknown",
            Runtime = runtime,
            Persisted = owner is null || sysctlDIsHosts ? ReadSysctlFiles() : SysctlConfigSet.Empty,
            SysctlDIsHosts = sysctlDIsHosts,
            Namespace = owner?.Namespace,
            Owner = owner,
            UnprivilegedPortStart = int.TryParse(unprivileged?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1024,
            TimeWaitOverflow = netstat is null ? null : NetstatCounters.Find(netstat, "TcpExt", "TCPTimeWaitOverflow"),
        };
    }

    /// <summary>Each catalog key's runtime value as the kernel prints it; a key this kernel lacks is left out.</summary>
    public Dictionary<string, string> RuntimeValues()
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

        return runtime;
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

            // As systemd-sysctl and a shell's *.conf: hidden files are not configuration.
            foreach (var path in Directory.EnumerateFiles(physical, "*.conf").Where(p => !Path.GetFileName(p).StartsWith('.')))
            {
                var hostPath = directory + "/" + Path.GetFileName(path);
                if (ReadConfFile(path, hostPath) is { } file)
                {
                    files.Add(file);
                }
            }
        }

        var sysctlConf = _paths.Physical(SysctlLocations.SysctlConf);
        if (ReadConfFile(sysctlConf, SysctlLocations.SysctlConf) is { } conf)
        {
            files.Add(conf);
        }

        return SysctlConfigSet.FromFiles(files);
    }

    /// <summary>A sysctl.d file is a few KiB; one past this is not read (and sysctl would not apply it sensibly either).</summary>
    public const long MaxConfBytes = 1 << 20;

    // Null when there is nothing to read: no such file, or a symbolic link to nothing, which sysctl skips too.
    private static SysctlConfFile? ReadConfFile(string physicalPath, string hostPath)
    {
        string? linkTarget = null;
        var info = new FileInfo(physicalPath);
        if (info.LinkTarget is { } target)
        {
            linkTarget = SysctlConfFile.ResolveLink(hostPath, target);
        }

        if (linkTarget == "/dev/null")
        {
            // How sysctl.d masks a file of the same name in a later directory.
            return new SysctlConfFile(hostPath, string.Empty, linkTarget);
        }

        try
        {
            // Decoded as the remote read decodes it: a byte order mark stays part of the first line, as sysctl reads it.
            return new SysctlConfFile(hostPath, System.Text.Encoding.UTF8.GetString(RegularFile.ReadAllBytes(physicalPath, MaxConfBytes)), linkTarget);
        }
        catch (RegularFileException e) when (e.Problem == RegularFileProblem.NotFound)
        {
            return null;
        }
        catch (Exception e) when (e is RegularFileException or IOException or UnauthorizedAccessException)
        {
            // A FIFO, a device or a huge file here would hang or flood every read of the host; say which file instead.
            var reason = e is RegularFileException refused ? refused.Reason : e.Message;
            var shown = PrintableText.Of(hostPath, 300);
            throw new TwOperationException(
                TwDiagnostic.Error(TwErrorIds.Host.ReadFailed, TwErrorCategory.ReadError, $"Cannot read {shown}: {reason}") with { Target = shown },
                e);
        }
    }

    private string? TryReadText(string path)
    {
        try
        {
            return ProcSysFile.Read(path, _paths.Files);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // Some /proc/sys entries are root-only; say which one rather than fail without a name.
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.ReadFailed, TwErrorCategory.ReadError, $"Cannot read {PrintableText.Of(path, 300)}: {e.Message}") with { Target = path }, e);
        }
    }
}
