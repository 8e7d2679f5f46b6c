namespace TwTools.Engine.Remote;

/// <summary>
/// A carrier that runs one generated sh program on one remote host and hands back its answer: the
/// system OpenSSH client, or a PowerShell remoting session in the cmdlet layer. The program goes on
/// standard input; nothing else is sent, so the remote command line never holds user data.
/// </summary>
public interface IHostTransport
{
    /// <summary>The host as shown to users and put on every output object.</summary>
    string HostName { get; }

    /// <param name="program">A program the engine generated (<see cref="ReadProgram"/>, <see cref="ApplyProgram"/>).</param>
    /// <param name="elevate">Run it through <c>sudo -n</c>: a password prompt fails instead of waiting.</param>
    TransportResult Run(string program, bool elevate, CancellationToken cancellation);

    /// <summary>Starts a conversation for programs that belong together; by default each is a <see cref="Run"/> of its own.</summary>
    IHostConversation Converse(bool elevate) => new SeparateRunsConversation(this, elevate);
}
