using System.Management.Automation;
using TwTools.Engine.Operations;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Converts Test-PortExhaustion reports or judged policy settings into Prometheus text exposition format.</para>
/// </summary>
[Cmdlet(VerbsData.ConvertTo, "TwPrometheus")]
[OutputType(typeof(string))]
public sealed class ConvertToTwPrometheusCommand : TwCmdletBase
{
    private readonly List<object> _results = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject[] InputObject { get; set; } = [];

    [Parameter]
    [ValidateRange(1, 10_000)]
    [PSDefaultValue(Value = 20)]
    public int Top { get; set; } = 20;

    protected override void ProcessRecord() => _results.AddRange(InputObject.Select(o => o.BaseObject));

    // Nothing in, nothing out, as ConvertTo-Json does; Export-TwPrometheus refuses instead, since it would replace a file.
    protected override void EndProcessing() => ForItem(null, () =>
    {
        if (_results.Count > 0)
        {
            WriteObject(MetricsExport.FromResults(_results, new MetricsOptions { Top = Top }).Text);
        }
    });
}
