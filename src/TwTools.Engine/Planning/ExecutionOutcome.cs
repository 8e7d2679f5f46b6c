namespace TwTools.Engine.Planning;

/// <summary>What a host reports after carrying out a plan: its runtime values read back, and whether the file was written.</summary>
internal sealed record ExecutionOutcome(IReadOnlyDictionary<string, string> RuntimeAfter, bool Persisted);
