namespace TwTools.Engine.Sockets;

/// <summary>Which way to read the local socket table; Automatic is right unless diagnosing TwTools itself.</summary>
public enum SocketSourceKind
{
    Automatic,
    Netlink,
    ProcFiles,
}
