namespace TwTools.Engine.Sockets;

/// <summary>A process holding a socket open: what <c>ss -p</c> and <c>netstat -p</c> show.</summary>
internal sealed record SocketOwner(int ProcessId, string ProcessName);
