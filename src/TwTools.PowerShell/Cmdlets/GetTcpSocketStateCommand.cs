using System.Management.Automation;
using TwTools.Engine.Hosting;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets TCP sockets (IPv4 and IPv6) with state, endpoints, TIME_WAIT time left and owner, or counts per state.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TcpSocketState", DefaultParameterSetName = ListSet)]
[OutputType(typeof(TcpSocket), ParameterSetName = [ListSet])]
[OutputType(typeof(TcpStateSummary), ParameterSetName = [SummarySet])]
public sealed class GetTcpSocketStateCommand : TwCmdletBase
{
    private const string ListSet = "List";
    private const string SummarySet = "Summary";

    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    public string[]? State { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[]? LocalPort { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public int[]? RemotePort { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string[]? RemoteAddress { get; set; }

    [Parameter]
    public InetFamily? AddressFamily { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter IncludeProcess { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = SummarySet)]
    public SwitchParameter Summary { get; set; }

    protected override void ProcessRecord() => ForItem(null, () =>
    {
        var filter = SocketFilterBuilder.Build(State, LocalPort, RemotePort, RemoteAddress, AddressFamily);
        var paths = SystemPaths.FromEnvironment();
        var source = SocketSources.ForLocalHost(paths);
        if (Summary)
        {
            var summary = SocketListing.Summarize(source, filter, "localhost", paths, EngineHost);
            EngineHost.WriteInformation($"kernel: {summary.Kernel.InUse} in use, {summary.Kernel.TimeWait} TIME_WAIT, {summary.Kernel.Orphans} orphans");
            WriteObject(summary.States, enumerateCollection: true);
            return;
        }

        foreach (var socket in SocketListing.List(source, filter, "localhost", paths, IncludeProcess, EngineHost))
        {
            WriteObject(socket);
        }
    });
}
