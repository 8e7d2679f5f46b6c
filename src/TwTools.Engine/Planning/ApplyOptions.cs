namespace TwTools.Engine.Planning;

/// <summary>Choices that change how a plan is made or carried out.</summary>
public sealed record ApplyOptions
{
    /// <summary>Treat a later sysctl.d file that overrides a persisted key as an error rather than a warning.</summary>
    public bool FailOnOverride { get; init; }

    /// <summary>Replace a persist file TwTools did not write (a distribution's file, a link such as Debian's 99-sysctl.conf).</summary>
    public bool ReplaceForeignFile { get; init; }

    /// <summary>How long to wait for another apply on the same host to finish.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Ask about each change on its own (PowerShell at $ConfirmPreference = 'Low', -WhatIf's lines, the CLI's --what-if)
    /// rather than once per host for its whole plan, which is what -Confirm over a fleet should ask.
    /// </summary>
    public bool AskEachChange { get; init; }

    /// <summary>
    /// Write the host's sysctl.d although TwTools runs in another network namespace (--host-files, -HostFiles): the file
    /// then sets the host's boot values, not this namespace's. Without it such an apply changes runtime values only.
    /// </summary>
    public bool WriteHostFiles { get; init; }
}
