using System.Management.Automation;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;

using TwTools.PowerShell.Completion;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Applies a TwTools policy to the host: runtime values, then the persisted sysctl.d file, idempotently.</para>
/// </summary>
[Cmdlet(VerbsCommon.Set, "TwPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(SettingApplyResult))]
public sealed class SetTwPolicyCommand : TwHostCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ArgumentCompleter(typeof(PolicyCompleter))]
    public string Path { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    public SwitchParameter FailOnOverride { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter HostFiles { get; set; }

    [Parameter]
    [ValidateRange(0, 3600)]
    [PSDefaultValue(Value = 30)]
    public int LockTimeoutSeconds { get; set; } = 30;

    protected override string Activity => "Applying TwTools policy";

    protected override void ProcessItem() => ForItem(Path, () =>
    {
        var options = new ApplyOptions { FailOnOverride = FailOnOverride, ReplaceForeignFile = Force, LockTimeout = TimeSpan.FromSeconds(LockTimeoutSeconds), AskEachChange = AskEachChange, WriteHostFiles = HostFiles };
        var policy = LoadPolicy(Path);
        OnHosts((host, output, shouldProcess) => PolicyApplyOperation.Run(host, policy, options, shouldProcess, output), Write);
    });

    private void Write(ApplyReport report) => WriteObject(PassThru ? report.Results : [], enumerateCollection: true);
}
