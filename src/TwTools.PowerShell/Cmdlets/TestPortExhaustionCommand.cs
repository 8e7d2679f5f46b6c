using System.Management.Automation;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Exhaustion;
using TwTools.Engine.Operations;
using TwTools.Engine.Sockets;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Tests ephemeral-port pressure per destination, with a verdict and advice; -SampleSeconds measures the connection rate.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "PortExhaustion", DefaultParameterSetName = ListSet)]
[OutputType(typeof(PortPressureFinding), ParameterSetName = [ListSet, CaptureListSet])]
[OutputType(typeof(PortExhaustionReport), typeof(HostFailure), ParameterSetName = [SummarySet, CaptureSummarySet])]
public sealed class TestPortExhaustionCommand : TwSocketCmdletBase
{
    /// <summary>A rate needs a live host: a capture is one moment.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = SummarySet)]
    [ValidateRange(0, PortExhaustionOptions.MaxSampleSeconds)]
    [PSDefaultValue(Value = 0.0)]
    public double SampleSeconds { get; set; }

    [Parameter]
    [ValidateRange(0.01, 1.0)]
    [PSDefaultValue(Value = 0.5)]
    public double WarningThreshold { get; set; } = ExhaustionThresholds.Default.Warning;

    [Parameter]
    [ValidateRange(0.01, 1.0)]
    [PSDefaultValue(Value = 0.8)]
    public double CriticalThreshold { get; set; } = ExhaustionThresholds.Default.Critical;

    protected override void ProcessItem() => ForItem(null, () =>
    {
        var options = new PortExhaustionOptions
        {
            Thresholds = new ExhaustionThresholds(WarningThreshold, CriticalThreshold),
            SampleSeconds = SampleSeconds,
        };
        var request = new SocketRequest { SourceKind = Enum.Parse<SocketSourceKind>(Source), Capture = CapturePath };
        OnHosts((host, output, _) => PortExhaustionAnalysis.ForHost(host, request, options, output), Write);
    });

    protected override string Activity => "Checking ephemeral ports";

    // A summary answers once per host, so a host that could not be read keeps its place (and its metrics series).
    protected override void WriteFailedHost(string host, TwDiagnostic? cause) => WriteFailure(host, HostFailure.ExhaustionCommand, cause, wanted: Summary);

    private void Write(PortExhaustionReport result) => WriteObject(Summary ? result : result.Findings, enumerateCollection: !Summary);
}
