namespace TwTools.Engine.Planning;

/// <summary>The writes a host must make: the approved runtime changes, in order, and the file to persist.</summary>
internal sealed record ExecutablePlan(IReadOnlyList<RuntimeWrite> Writes, PersistPlan? Persist)
{
    public bool IsEmpty => Writes.Count == 0 && Persist is null;
}
