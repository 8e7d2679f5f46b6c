namespace TwTools.Engine.Remote;

/// <summary>A conversation over a carrier that runs one program per call: each program is a round trip of its own.</summary>
internal sealed class SeparateRunsConversation(IHostTransport transport, bool elevate) : IHostConversation
{
    public TransportResult Ask(string program, string lastLine, CancellationToken cancellation) => transport.Run(program, elevate, cancellation);

    public TransportResult Finish(string program, CancellationToken cancellation) => transport.Run(program, elevate, cancellation);

    public void Dispose()
    {
    }
}
