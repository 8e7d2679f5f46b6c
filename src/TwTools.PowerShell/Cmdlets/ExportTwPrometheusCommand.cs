using System.Management.Automation;
using TwTools.Engine.Operations;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Writes Test-PortExhaustion reports or judged policy settings as a .prom file for node_exporter's textfile collector, replacing it atomically.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "TwPrometheus", SupportsShouldProcess = true)]
[OutputType(typeof(FileInfo))]
public sealed class ExportTwPrometheusCommand : TwCmdletBase
{
    private readonly List<object> _results = [];

    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject[] InputObject { get; set; } = [];

    /// <summary>The textfile collector's directory (node_exporter --collector.textfile.directory).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [Alias("TextfileDirectory")]
    public string Directory { get; set; } = string.Empty;

    [Parameter]
    [ValidateRange(1, 10_000)]
    [PSDefaultValue(Value = 20)]
    public int Top { get; set; } = 20;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord() => _results.AddRange(InputObject.Select(o => o.BaseObject));

    protected override void EndProcessing() => ForItem(Directory, () =>
    {
        var (directory, exposition) = (GetUnresolvedProviderPathFromPSPath(Directory), MetricsExport.FromResults(_results, new MetricsOptions { Top = Top }));
        MetricsExport.CheckTextfileDirectory(directory);
        if (ShouldProcess(Path.Combine(directory, exposition.FileName), "Replace with TwTools metrics"))
        {
            var path = MetricsExport.WriteTextfile(directory, exposition.FileName, exposition.Text);
            if (PassThru)
            {
                // The provider's item, as Get-Item returns it: the FileSystem view fills Mode, LastWriteTime and Length.
                WriteObject(InvokeProvider.Item.Get(WildcardPattern.Escape(path)), enumerateCollection: true);
            }
        }
    });
}
