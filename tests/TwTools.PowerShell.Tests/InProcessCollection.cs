namespace TwTools.PowerShell.Tests;

/// <summary>Tests that run PowerShell in this process, one at a time: the module's fake-host variables are process-wide.</summary>
[CollectionDefinition(Name)]
public sealed class InProcessCollection
{
    public const string Name = "In-process PowerShell";
}
