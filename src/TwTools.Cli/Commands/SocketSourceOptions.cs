using System.CommandLine;
using TwTools.Engine.Sockets;

namespace TwTools.Cli.Commands;

/// <summary>Where sockets are read from: this host (netlink or /proc), or a capture file.</summary>
internal sealed class SocketSourceOptions
{
    public Option<SocketSourceKind> Source { get; } = SourceKind();

    public Option<FileInfo> FromFile { get; } = new("--from-file")
    {
        Description = "Read sockets from a capture instead of this host: cat /proc/net/tcp /proc/net/tcp6 > capture.txt",
        HelpName = "capture",
    };

    /// <summary>Also used alone by commands that judge this host and so cannot take a capture from another.</summary>
    public static Option<SocketSourceKind> SourceKind() => new("--source")
    {
        Description = "How to read this host's sockets: Automatic (netlink, else /proc/net/tcp), Netlink or ProcFiles.",
        DefaultValueFactory = _ => SocketSourceKind.Automatic,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Source);
        command.Options.Add(FromFile);
    }

    /// <summary>The capture file's full path, or null to read the host itself.</summary>
    public string? CapturePath(ParseResult parse)
    {
        var file = parse.GetValue(FromFile);
        if (file is not null && !file.Exists)
        {
            throw CommandRunner.InputError("from-file", $"{file.FullName}: no such capture file.");
        }

        return file?.FullName;
    }
}
