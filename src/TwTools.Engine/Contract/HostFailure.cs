namespace TwTools;

/// <summary>
/// A host a command could not judge, in the output beside the hosts it could (Test-PortExhaustion -Summary,
/// Test-TwPolicy -Detailed): its error record says why, and this object keeps its place in the pipeline, so
/// ConvertTo-TwPrometheus reports it as a failed run instead of leaving it out.
/// </summary>
public sealed record HostFailure(string Host, string Command, string ErrorId, string Message)
{
    /// <summary>The command whose results feed port-pressure series.</summary>
    public const string ExhaustionCommand = "Test-PortExhaustion";

    /// <summary>The command whose results feed compliance series.</summary>
    public const string PolicyCommand = "Test-TwPolicy";

    /// <summary>The network namespace that could not be read, when the target was one.</summary>
    public NetworkNamespace? NetworkNamespace { get; init; }

    public override string ToString() => $"{Host}: {Command} failed: {Message}";
}
