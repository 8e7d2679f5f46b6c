namespace TwTools;

/// <summary>
/// Client: this host connected out, from an ephemeral port. Server: the local port is a listening
/// port, so TIME_WAIT there means the server closed first; it holds no ephemeral port.
/// </summary>
public enum ConnectionSide
{
    Client,
    Server,
}
