using System.Globalization;
using System.Text;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Kernel;
using TwTools.Engine.LocalMachine;
using TwTools.Engine.Sockets;
using TwTools.Engine.SysctlD;
using TwTools.Engine.Text;

namespace TwTools.Engine.Remote;

/// <summary>A host's answer to <see cref="ReadProgram"/>: the same snapshot a local read gives, and the socket tables if asked for.</summary>
internal sealed class ReadAnswer
{
    private readonly Dictionary<string, string> _sections;

    private ReadAnswer(KernelSnapshot kernel, Dictionary<string, string> sections, Dictionary<string, string> rawContents)
    {
        Kernel = kernel;
        _sections = sections;
        RawContents = rawContents;
    }

    public KernelSnapshot Kernel { get; private init; }

    /// <summary>The inode of the namespace the program ran in, when it ran inside one (<see cref="NamespaceProgram"/>).</summary>
    public ulong? NamespaceInode { get; private init; }

    /// <summary>What the container's runtime said it creates the namespace with, as the host sent it; null when not asked.</summary>
    private byte[]? OwnerAnswer { get; init; }

    /// <summary>
    /// The answer as a namespace's: named after it, on its machine, and with no sysctl.d of its own (nsenter --net leaves
    /// the program reading the host's files, which never reach the namespace).
    /// </summary>
    /// <summary>The host's own answer, said to be of its own namespace as a listing named it.</summary>
    public ReadAnswer Named(string machine, NetworkNamespace ns) => new(Kernel, _sections, new Dictionary<string, string>(RawContents))
    {
        Kernel = Namespaces.SnapshotNaming.Named(new KernelSnapshot
        {
            HostName = machine, KernelRelease = Kernel.KernelRelease, Runtime = Kernel.Runtime, Persisted = Kernel.Persisted,
            UnprivilegedPortStart = Kernel.UnprivilegedPortStart, TimeWaitOverflow = Kernel.TimeWaitOverflow,
        }, ns),
    };

    public ReadAnswer InNamespace(string machine, RemoteNamespace target) => new(Kernel, _sections, new Dictionary<string, string>(RawContents))
    {
        NamespaceInode = NamespaceInode,
        Kernel = new KernelSnapshot
        {
            HostName = machine, KernelRelease = Kernel.KernelRelease, Runtime = Kernel.Runtime, Persisted = SysctlConfigSet.Empty,
            UnprivilegedPortStart = Kernel.UnprivilegedPortStart, TimeWaitOverflow = Kernel.TimeWaitOverflow,
            Namespace = target.Identity(NamespaceInode ?? 0),
            Owner = new NamespaceOwner(target.Identity(NamespaceInode ?? 0), OwnerAnswer is { } said && target.Found?.Runtime is { } runtime ? Namespaces.ContainerInspect.SysctlsOfAnswer(runtime, said) : null),
        },
    };

    /// <summary>
    /// Each file's bytes exactly as the host sent them (base64). The snapshot holds text, which cannot
    /// say whether a file that is not UTF-8 changed; the apply program compares these bytes instead.
    /// </summary>
    public IReadOnlyDictionary<string, string> RawContents { get; }

    /// <summary>/proc/net/tcp as the host printed it; null unless sockets were read.</summary>
    public string? Tcp => _sections.GetValueOrDefault("tcp");

    public string? Tcp6 => _sections.GetValueOrDefault("tcp6");

    /// <summary>The kernel's own socket totals (/proc/net/sockstat{,6}); empty unless sockets were read.</summary>
    public SockstatCounters Sockstat => SockstatCounters.Parse(_sections.GetValueOrDefault("sockstat"), _sections.GetValueOrDefault("sockstat6"));

    public static ReadAnswer Parse(string hostName, string output)
    {
        var lines = output.Split('\n');
        if (lines.Length == 0 || lines[0] != ReadProgram.Header)
        {
            throw RemoteAnswers.Malformed(hostName, "the read program did not start", lines.FirstOrDefault());
        }

        var runtime = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = new List<SysctlConfFile>();
        var netstat = new StringBuilder();
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        var rawContents = new Dictionary<string, string>(StringComparer.Ordinal);
        var batch = new ReadFileBatch();
        StringBuilder? section = null;
        string? sectionName = null;
        var complete = false;
        ulong? inode = null;
        byte[]? owner = null;
        for (var i = 1; i < lines.Length && !complete; i++)
        {
            var line = lines[i];
            if (section is not null && !line.StartsWith("S ", StringComparison.Ordinal))
            {
                section.Append(line).Append('\n');
                continue;
            }

            if (line.StartsWith(ReadProgram.NetstatPath + ":", StringComparison.Ordinal))
            {
                netstat.Append(line.AsSpan(ReadProgram.NetstatPath.Length + 1)).Append('\n');
                continue;
            }

            if (RemoteAnswers.ProcSysValue(hostName, line, ReadProgram.Keys.Contains) is var (key, value))
            {
                runtime[key] = value;
                continue;
            }

            var (tag, rest) = Split(line);
            if (batch.Accept(hostName, tag, rest))
            {
                continue;
            }

            switch (tag)
            {
                case "M":
                    break;
                case "T":
                    throw RemoteAnswers.ToolsMissing(hostName, rest, "read its settings");
                case "N":
                    throw RemoteAnswers.CannotEnterNamespace(hostName, rest);
                case "K":
                    throw RemoteAnswers.NotANamespaceFile(hostName);
                case "G":
                    throw new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.NoSuchNamespace, TwErrorCategory.ObjectNotFound,
                        $"{hostName}: there is no such network namespace on the host (ip netns list names the named ones)") with { Target = hostName });
                case "O":
                    owner = RemoteAnswers.DecodeBytes(hostName, rest);
                    break;
                case "I":
                    // stat -L of the namespace file: its nsfs inode
                    inode = ulong.TryParse(rest.Trim().TrimStart("net:[".ToCharArray()).TrimEnd(']'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
                    break;
                case "X":
                    var special = PrintableText.Of(RemoteAnswers.DecodePath(hostName, rest), 300);
                    throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.ReadFailed, TwErrorCategory.ReadError, $"{hostName}: Cannot read {special}: it is not a regular file (a FIFO or a device there would hang or flood every read)") with { Target = special });
                case "U":
                    var path = RemoteAnswers.DecodePath(hostName, rest);
                    throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.ReadFailed, TwErrorCategory.ReadError, $"{hostName}: cannot read {PrintableText.Of(path)}: permission denied") with { Target = PrintableText.Of(path) });
                case "S":
                    if (sectionName is not null && section is not null)
                    {
                        sections[sectionName] = section.ToString();
                    }

                    sectionName = rest;
                    section = rest == "end" ? null : new StringBuilder();
                    break;
                case ReadProgram.Trailer:
                    complete = true;
                    break;
                default:
                    throw RemoteAnswers.Malformed(hostName, $"unexpected answer line {i + 1}", line);
            }
        }

        if (!complete)
        {
            throw RemoteAnswers.Malformed(hostName, "the answer was cut short", null);
        }

        foreach (var (file, raw) in batch.Files(hostName))
        {
            files.Add(file);
            rawContents[file.Path] = raw;
        }

        var unprivileged = runtime.GetValueOrDefault(KernelSettingCatalog.IpUnprivilegedPortStart);
        runtime.Remove(KernelSettingCatalog.IpUnprivilegedPortStart);
        var release = runtime.GetValueOrDefault("kernel.osrelease")?.Trim() ?? "unknown";
        runtime.Remove("kernel.osrelease");
        var kernel = new KernelSnapshot
        {
            HostName = hostName,
            KernelRelease = release,
            Runtime = runtime,
            Persisted = SysctlConfigSet.FromFiles(files),
            UnprivilegedPortStart = int.TryParse(unprivileged, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1024,
            TimeWaitOverflow = netstat.Length == 0 ? null : NetstatCounters.Find(netstat.ToString(), "TcpExt", "TCPTimeWaitOverflow"),
        };
        return new ReadAnswer(kernel, sections, rawContents) { NamespaceInode = inode, OwnerAnswer = owner };
    }

    private static (string Head, string Tail) Split(string line)
    {
        var space = line.IndexOf(' ');
        return space < 0 ? (line, string.Empty) : (line[..space], line[(space + 1)..]);
    }
}
