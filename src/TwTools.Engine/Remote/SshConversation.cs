using System.Diagnostics;
using System.Text;
using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Remote;

/// <summary>
/// One ssh process whose remote sh runs programs as they arrive on its standard input: <see cref="Ask"/>
/// writes one and waits for its last line while sh waits for more, <see cref="Finish"/> writes the last
/// and closes the input. Both streams are read the whole time, each with a cap, so a host that answers
/// endlessly fails alone instead of filling the controller's memory.
/// </summary>
internal sealed class SshConversation : IHostConversation
{
    // Enough of ssh's own messages to classify a failure; the rest is dropped.
    private const int MaxErrorChars = 1 << 20;

    private readonly Process _process;
    private readonly string _hostName;
    private readonly int _maxChars;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Task _outputRead;
    private readonly Task _errorRead;
    private int _handedOut;
    private int _searched;
    private bool _tooLarge;
    private bool _inputClosed;
    private CancellationToken _lastCancellation;

    public SshConversation(Process process, string hostName, int maxChars)
    {
        _process = process;
        _hostName = hostName;
        _maxChars = maxChars;
        _outputRead = Read(process.StandardOutput, _output, maxChars, new char[16 * 1024], tooLarge: () => _tooLarge = true);
        _errorRead = Read(process.StandardError, _error, MaxErrorChars, new char[1024], tooLarge: () => { });
    }

    public TransportResult Ask(string program, string lastLine, CancellationToken cancellation)
    {
        _lastCancellation = cancellation;
        using var stop = cancellation.Register(Kill);
        Send(program, close: false);
        var marker = "\n" + lastLine + "\n";
        while (true)
        {
            // Read before the search: an answer that ended with its last line is then still found.
            var ended = _outputRead.IsCompleted;
            lock (_output)
            {
                // Only text not yet searched, plus enough before it for a marker that straddles two reads.
                var from = Math.Max(_handedOut, _searched - marker.Length);
                var at = _output.ToString(from, _output.Length - from).IndexOf(marker, StringComparison.Ordinal);
                _searched = _output.Length;
                if (at >= 0)
                {
                    var end = from + at + marker.Length;
                    var answer = _output.ToString(_handedOut, end - _handedOut);
                    _handedOut = end;
                    return new TransportResult(0, answer, Error());
                }
            }

            if (ended)
            {
                // The host's side ended before the program did (ssh failed, or the host broke off).
                return End(null, cancellation);
            }

            _arrived.Wait(cancellation);
        }
    }

    public TransportResult Finish(string program, CancellationToken cancellation) => End(program, cancellation);

    private TransportResult End(string? program, CancellationToken cancellation)
    {
        _lastCancellation = cancellation;
        using var stop = cancellation.Register(Kill);
        Send(program, close: true);
        Task.WaitAll([_outputRead, _errorRead], cancellation);
        _process.WaitForExit();
        cancellation.ThrowIfCancellationRequested();
        if (_tooLarge)
        {
            throw new TwOperationException(TwDiagnostic.Error(TwErrorIds.Remote.AnswerTooLarge, TwErrorCategory.LimitsExceeded,
                $"{_hostName}: the answer passed {_maxChars / (1024 * 1024)} MiB, far more than any host's settings and sockets take, so the connection was closed; a host that answers like this is broken or hostile") with { Target = _hostName });
        }

        lock (_output)
        {
            var rest = _output.ToString(_handedOut, _output.Length - _handedOut);
            _handedOut = _output.Length;
            return new TransportResult(_process.ExitCode, rest, Error());
        }
    }

    /// <summary>Ends input so the host's sh ends; a conversation cut short by a stop ends at once.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            if (!_lastCancellation.IsCancellationRequested)
            {
                Send(null, close: true);
            }

            if (_lastCancellation.IsCancellationRequested || !_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                Kill();
            }
        }

        _process.WaitForExit();
        _process.Dispose();
    }

    private string Error()
    {
        lock (_error)
        {
            return _error.ToString();
        }
    }

    private void Send(string? program, bool close)
    {
        if (_inputClosed)
        {
            return;
        }

        try
        {
            if (program is not null)
            {
                _process.StandardInput.Write(program);
                _process.StandardInput.Flush();
            }

            if (close)
            {
                _inputClosed = true;
                _process.StandardInput.Close();
            }
        }
        catch (IOException)
        {
            // ssh exited before reading the program (host unreachable); its stderr says why.
            _inputClosed = true;
        }
    }

    // The buffers are small because a fleet holds two per host at once; the controller's memory should
    // grow little with the number of hosts.
    private async Task Read(StreamReader reader, StringBuilder text, int limit, char[] buffer, Action tooLarge)
    {
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (text)
            {
                if (text.Length + read > limit)
                {
                    tooLarge();
                    Kill();
                    break;
                }

                text.Append(buffer, 0, read);
            }

            _arrived.Release();
        }

        _arrived.Release();
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
