namespace TwTools;

/// <summary>What Remove-TwPolicy / <c>twtools remove</c> did with a policy's persisted sysctl.d file on one host.</summary>
public sealed record PolicyRemovalResult
{
    public required string Host { get; init; }

    public required string Policy { get; init; }

    /// <summary>The persist file, as a path on the host.</summary>
    public required string File { get; init; }

    /// <summary>The file was there before.</summary>
    public bool Existed { get; init; }

    public bool Removed { get; init; }

    /// <summary>-WhatIf (or a declined -Confirm): the file would have been removed.</summary>
    public bool WouldRemove { get; init; }

    /// <summary>Runtime values stay as they are; what the host boots with from now on.</summary>
    public string? Note { get; init; }

    public override string ToString() => $"{Host}: {File} {(Removed ? "removed" : WouldRemove ? "would be removed" : "not there")}";
}
