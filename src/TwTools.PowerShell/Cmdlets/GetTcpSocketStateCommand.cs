using System.Management.Automation;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;

using TwTools.PowerShell.Completion;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets TCP sockets (IPv4 and IPv6) with state, endpoints, TIME_WAIT time left and owner, or counts per state.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TcpSocketState", DefaultParameterSetName = ListSet)]
[OutputType(typeof(TcpSocket), ParameterSetName = [ListSet, CaptureListSet])]
[OutputType(typeof(TcpStateSummary), ParameterSetName = [SummarySet, CaptureSummarySet])]
public sealed class GetTcpSocketStateCommand : TwSocketCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(SocketStateCompleter))]
    public string[]? State { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[]? LocalPort { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[]? RemotePort { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? RemoteAddress { get; set; }

    [Parameter]
    [ValidateSet("IPv4", "IPv6")]
    [PSDefaultValue(Help = "both families")]
    public string? AddressFamily { get; set; }

    /// <summary>Owners are looked up on this machine, so a capture has none.</summary>
    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter IncludeProcess { get; set; }

    protected override string Activity => "Reading sockets";

    protected override void ProcessItem() => ForItem(null, () =>
    {
        var filter = SocketFilterBuilder.Build(State, LocalPort, RemotePort, RemoteAddress, AddressFamily);
        var (request, summary) = (new SocketRequest { Filter = filter, SourceKind = Enum.Parse<SocketSourceKind>(Source), Capture = CapturePath, IncludeProcess = IncludeProcess }, Summary.IsPresent);
        OnHosts((host, output, _) => SocketListing.ForHost(host, request, summary, output), r => WriteEach(r, IncludeProcess ? "#Process" : null));
    });
}
