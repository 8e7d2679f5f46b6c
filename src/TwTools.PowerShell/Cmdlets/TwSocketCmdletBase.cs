using System.Management.Automation;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// What the cmdlets that read sockets share: how this machine's sockets are read, or a capture to read
/// instead. Text with a ValidateSet, not the engine's enum, and no engine type in any signature here, so
/// the type loads before the engine's load context exists.
/// </summary>
public abstract class TwSocketCmdletBase : TwHostCmdletBase
{
    [Parameter]
    [ValidateSet("Automatic", "Netlink", "ProcFiles")]
    [PSDefaultValue(Value = "Automatic")]
    public string Source { get; set; } = "Automatic";

    /// <summary>A capture (cat /proc/net/tcp /proc/net/tcp6) to read instead of this machine's sockets.</summary>
    [Parameter]
    [Alias("LiteralPath")]
    public string? Path { get; set; }

    /// <summary>The capture's file-system path, relative paths taken from the current PowerShell location.</summary>
    protected string? CapturePath => Path is null ? null : GetUnresolvedProviderPathFromPSPath(Path);
}
