using System.Management.Automation;
using TwTools.Engine.Operations;
using TwTools.Engine.Planning;
using TwTools.PowerShell.Completion;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Removes a TwTools policy's persisted sysctl.d file from the host, so it no longer decides what the host boots with.</para>
/// </summary>
[Cmdlet(VerbsCommon.Remove, "TwPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(PolicyRemovalResult))]
public sealed class RemoveTwPolicyCommand : TwHostCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ArgumentCompleter(typeof(PolicyCompleter))]
    public string Path { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    [ValidateRange(0, 3600)]
    [PSDefaultValue(Value = 30)]
    public int LockTimeoutSeconds { get; set; } = 30;

    protected override string Activity => "Removing TwTools policy files";

    protected override void ProcessItem() => ForItem(Path, () =>
    {
        var options = new ApplyOptions { ReplaceForeignFile = Force, LockTimeout = TimeSpan.FromSeconds(LockTimeoutSeconds) };
        var policy = LoadPolicy(Path);
        OnHosts((host, output, shouldProcess) => PolicyRemoveOperation.Run(host, policy, options, shouldProcess, output), Write);
    });

    private void Write(PolicyRemovalResult result)
    {
        if (PassThru)
        {
            WriteObject(result);
        }
    }
}
