using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Sockets;

/// <summary>
/// Streams socket records out of /proc/net/tcp-format text: the files themselves, or a capture
/// (<c>cat /proc/net/tcp /proc/net/tcp6 &gt; capture.txt</c>) which is the same lines concatenated.
/// One 64 KiB buffer, reused; a line split across reads is carried over.
/// </summary>
internal static class ProcNetTcpText
{
    private const int BufferSize = 64 * 1024;

    /// <param name="captureFile">
    /// For a capture a person hands over: any line that is neither a header, blank nor a socket is an
    /// input error naming this file and the line. Null for the kernel's own files, which are trusted.
    /// </param>
    public static IEnumerable<TcpSocketRecord> Read(Stream stream, SocketFilter filter, CancellationToken cancellation, string? captureFile = null)
    {
        var buffer = new byte[BufferSize];
        var filled = 0;
        var lineNumber = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            var consumed = 0;
            while (true)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', consumed, filled - consumed);
                var lineEnd = newline >= 0 ? newline : (read == 0 && filled > consumed ? filled : -1);
                if (lineEnd < 0)
                {
                    break;
                }

                lineNumber++;
                var parsed = ProcNetTcpLine.TryParse(buffer.AsSpan(consumed, lineEnd - consumed), out var record);
                if (!parsed && captureFile is not null && !IsHeaderOrBlank(buffer.AsSpan(consumed, lineEnd - consumed)))
                {
                    throw new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidCapture, TwErrorCategory.InvalidData,
                        "not a /proc/net/tcp socket line (a capture is: cat /proc/net/tcp /proc/net/tcp6 > capture.txt)")
                        with { File = captureFile, Line = lineNumber, Field = "line" });
                }

                consumed = Math.Min(lineEnd + 1, filled);
                if (parsed && filter.Matches(record))
                {
                    yield return record;
                }
            }

            if (read == 0)
            {
                yield break;
            }

            if (consumed == 0 && filled == buffer.Length)
            {
                // A capture is the user's input (exit 2, at its line); the kernel's own files never do this (exit 3).
                throw captureFile is not null
                    ? new TwOperationException(TwDiagnostic.BadInput(TwErrorIds.Input.InvalidCapture, TwErrorCategory.InvalidData,
                        "a line longer than 64 KiB is not a /proc/net/tcp socket line") with { File = captureFile, Line = lineNumber + 1, Field = "line" })
                    : new TwOperationException(TwDiagnostic.Error(TwErrorIds.Host.SocketReadFailed, TwErrorCategory.ReadError,
                        "Cannot read the host's sockets: a line of its /proc/net/tcp text is longer than 64 KiB, which the kernel never writes"));
            }

            Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
            filled -= consumed;
        }
    }

    private static bool IsHeaderOrBlank(ReadOnlySpan<byte> line)
    {
        var trimmed = line.Trim((byte)' ').TrimEnd((byte)'\r');
        return trimmed.IsEmpty || trimmed.StartsWith("sl "u8);
    }
}
