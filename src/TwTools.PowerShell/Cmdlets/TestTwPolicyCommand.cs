using System.Management.Automation;
using TwTools.Engine.Compliance;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Operations;
using TwTools.PowerShell.Completion;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Tests whether a host's TIME_WAIT settings comply with a policy: $true or $false per host, or the per-key results with -Detailed.</para>
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "TwPolicy")]
[OutputType(typeof(bool))]
[OutputType(typeof(KernelSettingState))]
[OutputType(typeof(HostFailure))]
public sealed class TestTwPolicyCommand : TwHostCmdletBase
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ArgumentCompleter(typeof(PolicyCompleter))]
    public string Path { get; set; } = string.Empty;

    [Parameter]
    public SwitchParameter Detailed { get; set; }

    protected override string Activity => "Testing kernel settings against a policy";

    protected override void ProcessItem() =>
        WithPolicy(Path, policy => OnHosts((host, output, _) => KernelPolicyQuery.Run(host, policy, output), Write));

    // One answer per host, in input order, so a host that could not be judged is $false in its place (with -Detailed, a HostFailure).
    protected override void WriteFailedHost(string host, TwDiagnostic? cause)
    {
        if (Detailed)
        {
            WriteFailure(host, HostFailure.PolicyCommand, cause);
        }
        else
        {
            WriteObject(false);
        }
    }

    private void Write(IReadOnlyList<KernelSettingState> states) =>
        WriteObject(Detailed ? KernelPolicyQuery.PolicyKeys(states) : KernelPolicyQuery.IsCompliant(states), enumerateCollection: Detailed);
}
