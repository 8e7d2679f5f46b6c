namespace TwTools.Cli;

/// <summary>The exit codes pipelines rely on; README documents them.</summary>
internal static class ExitCodes
{
    /// <summary>Done, or compliant.</summary>
    public const int Success = 0;

    /// <summary><c>test</c>: the host does not comply with the policy.</summary>
    public const int NotCompliant = 1;

    /// <summary>Invalid input or usage: nothing was touched.</summary>
    public const int InvalidInput = 2;

    /// <summary>The operation failed; the host was left as it was.</summary>
    public const int Failed = 3;

    /// <summary>The operation finished, but its results could not be written (stdout closed or full).</summary>
    public const int OutputLost = 4;

    /// <summary>The connection to a host was lost during an apply: the host may have changed; check it.</summary>
    public const int OutcomeUnknown = 5;
}
