namespace TwTools.Cli.Output;

/// <summary>
/// stdout or stderr as a run writes it: a closed or full stream (<c>&gt;&amp;-</c>, <c>&gt;/dev/full</c>, a reader that went
/// away) is noted once and the rest of the output dropped, so the failure of a sink can neither abort the process nor
/// end a host's work halfway; the run then says what happened and exits with its own code.
/// </summary>
internal sealed class GuardedStream(Stream inner, string name) : Stream
{
    /// <summary>Why the stream stopped taking output, or null while it takes it.</summary>
    public string? Failure { get; private set; }

    public string Name => name;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var bytes = buffer.ToArray();
        Guard(() => inner.Write(bytes));
    }

    public override void Flush() => Guard(inner.Flush);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void Guard(Action write)
    {
        if (Failure is not null)
        {
            return;
        }

        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            // EBADF reaches .NET as "access denied": say what it means here.
            Failure = e is UnauthorizedAccessException or ObjectDisposedException or NotSupportedException ? $"{name} is closed" : $"{name}: {e.Message}";
        }
    }
}
