using TwTools.Engine.Diagnostics;
using TwTools.Engine.Files;
using TwTools.Engine.Text;

namespace TwTools.Engine.Sockets;

/// <summary>
/// Sockets from a recording: a capture file of /proc/net/tcp-format lines (from any host, for
/// analysis elsewhere and for tests), or records held in memory.
/// </summary>
internal sealed class RecordedSocketSource : ISocketSource
{
    private readonly string? _path;
    private readonly IReadOnlyList<TcpSocketRecord>? _records;

    private RecordedSocketSource(string? path, IReadOnlyList<TcpSocketRecord>? records)
    {
        _path = path;
        _records = records;
    }

    /// <summary>A capture file, checked at once: it must be a regular file (a FIFO or /dev/zero is refused).</summary>
    public static RecordedSocketSource FromFile(string path)
    {
        using (Open(path))
        {
        }

        return new(path, null);
    }

    public static RecordedSocketSource FromRecords(IEnumerable<TcpSocketRecord> records) => new(null, records.ToList());

    public string Name => _path ?? "recording";

    public IEnumerable<TcpSocketRecord> Read(SocketFilter filter, CancellationToken cancellation)
    {
        if (_records is not null)
        {
            return _records.Where(r => filter.Matches(r));
        }

        return ReadFile(filter, cancellation);
    }

    private IEnumerable<TcpSocketRecord> ReadFile(SocketFilter filter, CancellationToken cancellation)
    {
        using var stream = Open(_path!);
        foreach (var record in ProcNetTcpText.Read(stream, filter, cancellation, captureFile: _path))
        {
            yield return record;
        }
    }

    private static FileStream Open(string path)
    {
        try
        {
            return RegularFile.OpenRead(path);
        }
        catch (RegularFileException e)
        {
            throw new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidCapture, TwErrorCategory.InvalidArgument, $"not read as a capture: {e.Reason}") with { File = PrintableText.Of(path, 300), Field = "from-file" });
        }
    }
}
