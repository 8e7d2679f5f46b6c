using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// What the cmdlets that read sockets share: how this machine's sockets are read, or a capture to read
/// instead. Text with a ValidateSet, not the engine's enum, and no engine type in any signature here, so
/// the type loads before the engine's load context exists.
/// </summary>
public abstract class TwSocketCmdletBase : TwHostCmdletBase
{
    // Live hosts or a capture, each as a list or a summary: a capture with -HostName, -Session or -Source is a
    // parameter binding error before anything runs, and Get-Command -Syntax shows which goes with which.
    protected const string ListSet = "List";
    protected const string SummarySet = "Summary";
    protected const string CaptureListSet = "CaptureList";
    protected const string CaptureSummarySet = "CaptureSummary";

    [Parameter(ParameterSetName = ListSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = SummarySet, ValueFromPipelineByPropertyName = true)]
    [Alias("ComputerName", "Cn")]
    [ValidateNotNullOrEmpty]
    public override string[]? HostName { get; set; }

    [Parameter(ParameterSetName = ListSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Parameter(ParameterSetName = SummarySet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public override PSSession[]? Session { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = SummarySet)]
    [ValidateNotNullOrEmpty]
    public override string[]? NetworkNamespace { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = SummarySet)]
    [ValidateRange(1, int.MaxValue)]
    public override int[]? ProcessId { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = SummarySet)]
    [ValidateNotNullOrEmpty]
    public override string[]? Container { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = SummarySet)]
    public override SwitchParameter AllNetworkNamespaces { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = SummarySet)]
    [ValidateSet("Automatic", "Netlink", "ProcFiles")]
    [PSDefaultValue(Value = "Automatic")]
    public string Source { get; set; } = "Automatic";

    /// <summary>A capture (cat /proc/net/tcp /proc/net/tcp6) to read instead of this machine's sockets.</summary>
    /// <remarks>
    /// Bindable by property name: otherwise, with pipeline input coming (Get-PSSession | ... -Summary), PowerShell counts
    /// the capture sets as candidates whose mandatory -Path can never arrive, and asks for it instead of binding the input.
    /// </remarks>
    [Parameter(Mandatory = true, ParameterSetName = CaptureListSet, ValueFromPipelineByPropertyName = true)]
    [Parameter(Mandatory = true, ParameterSetName = CaptureSummarySet, ValueFromPipelineByPropertyName = true)]
    [Alias("LiteralPath")]
    public string? Path { get; set; }

    /// <summary>One summary per host instead of one object per socket or finding.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
    [Parameter(Mandatory = true, ParameterSetName = CaptureSummarySet)]
    public SwitchParameter Summary { get; set; }

    /// <summary>The capture's file-system path, relative paths taken from the current PowerShell location.</summary>
    protected string? CapturePath => Path is null ? null : GetUnresolvedProviderPathFromPSPath(Path);
}
