using System.Management.Automation;
using TwTools.Engine.Compliance;
using TwTools.Engine.Kernel;
using TwTools.Engine.Operations;

using TwTools.PowerShell.Completion;

namespace TwTools.PowerShell.Cmdlets;

/// <summary>
/// <para type="synopsis">Gets the TIME_WAIT-related kernel settings, at runtime and at boot, optionally judged against a policy.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "TwKernelPolicy")]
[OutputType(typeof(KernelSettingState))]
public sealed class GetTwKernelPolicyCommand : TwHostCmdletBase
{
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("FullName", "PSPath")]
    [ArgumentCompleter(typeof(PolicyCompleter))]
    public string? Path { get; set; }

    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(SysctlKeyCompleter))]
    public string[]? Key { get; set; }

    protected override string Activity => "Reading kernel settings";

    protected override void ProcessItem() => ForItem(Path, () =>
    {
        var (keys, unknown) = SettingKeySelection.Parse(Key);
        WriteErrors(unknown);
        var policy = Path is null ? null : LoadPolicy(Path);
        OnHosts((host, output, _) => KernelPolicyQuery.Run(host, policy, output, surveyNamespaces: true), r => WriteObject(r.Where(s => keys.Includes(s.Key)).Select(s => Viewed(s, policy is null)), enumerateCollection: true));
    });

    // Without a policy there is nothing to judge: the #Observed type name picks the view with source and meaning.
    private static PSObject Viewed(KernelSettingState state, bool observed)
    {
        var wrapped = PSObject.AsPSObject(state);
        if (observed)
        {
            wrapped.TypeNames.Insert(0, typeof(KernelSettingState).FullName + "#Observed");
        }

        return wrapped;
    }
}
