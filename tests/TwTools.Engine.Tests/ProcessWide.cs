namespace TwTools.Engine.Tests;

/// <summary>
/// Tests that measure or change something the whole process shares (all threads' allocations, an environment
/// variable) run in this collection, which xunit runs with no other test beside it, so no neighbour can move the
/// number or see the change.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWide
{
    public const string Name = "Process-wide state";
}
