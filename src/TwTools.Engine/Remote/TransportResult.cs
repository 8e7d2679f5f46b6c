namespace TwTools.Engine.Remote;

/// <summary>What came back from a remote program: the exit status of the carrier (255 is ssh's own failure), and both streams.</summary>
public sealed record TransportResult(int ExitCode, string StandardOutput, string StandardError);
