namespace TwTools.Engine.Remote;

/// <summary>
/// Programs sent one after another to one host: the apply's read, then its write. A carrier that can
/// keep one sh running between them (<see cref="OpenSshTransport"/>) saves a session on the host, which
/// in a fleet costs about as much as the read itself; any other carrier runs each program on its own.
/// Disposing ends the conversation and whatever still runs on the host's side of it.
/// </summary>
public interface IHostConversation : IDisposable
{
    /// <summary>Sends a program and returns its output up to and including the line <paramref name="lastLine"/>; the host then waits for the next program.</summary>
    TransportResult Ask(string program, string lastLine, CancellationToken cancellation);

    /// <summary>Sends the last program and returns its output and exit code once the host's sh has ended.</summary>
    TransportResult Finish(string program, CancellationToken cancellation);
}
