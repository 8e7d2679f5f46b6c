namespace TwTools.PowerShell.Tests;

/// <summary>
/// Tests that run PowerShell in this process, one at a time and with no other test beside them: the module's fake-host
/// variables (TWTOOLS_PROC_ROOT, ...) are process-wide, and a pwsh another test starts meanwhile would inherit them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InProcessCollection
{
    public const string Name = "In-process PowerShell";
}
