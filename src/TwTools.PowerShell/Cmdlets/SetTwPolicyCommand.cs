using System.Management.Automation;
using TwTools.Engine.Hosting;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Applies a TwTools policy to the host: runtime values, then the persisted sysctl.d file, idempotently.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "TwPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SettingApplyResult))]
public sealed class SetTwPolicyCommand : TwCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    public string Path { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    public SwitchParameter FailOnOverride { get; set; }

    [Parameter]
    [ValidateRange(0, 3600)]
    public int LockTimeoutSeconds { get; set; } = 30;

    protected override void ProcessRecord() => ForItem(Path, () =>
    {
        var options = new ApplyOptions { FailOnOverride = FailOnOverride, LockTimeout = TimeSpan.FromSeconds(LockTimeoutSeconds) };
        var report = PolicyApplyOperation.Run(new LocalKernelHost(), LoadPolicy(Path), options, ShouldProcess, EngineHost);
        if (PassThru)
        {
            WriteObject(report.Results, enumerateCollection: true);
        }
    });
}
