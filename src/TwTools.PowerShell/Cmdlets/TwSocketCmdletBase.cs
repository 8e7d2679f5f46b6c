using System.Management.Automation;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// What the cmdlets that read sockets share: how this machine's sockets are read. Text with a ValidateSet,
/// not the engine's enum, so the type loads before the engine's load context exists.
/// </summary>
public abstract class TwSocketCmdletBase : TwHostCmdletBase
{
    [Parameter]
    [ValidateSet("Automatic", "Netlink", "ProcFiles")]
    public string Source { get; set; } = "Automatic";
}
