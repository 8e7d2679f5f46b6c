using TwTools.Engine.Diagnostics;

namespace TwTools.Engine.Fleet;

/// <summary>One host's share of a fleet run: its result, or the errors that stopped it (never both).</summary>
public sealed record HostOutcome<T>(string Host, T? Result, IReadOnlyList<TwDiagnostic> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    /// <summary>
    /// Nothing to report and nothing wrong: the target went away before it could be read (a container that stopped during
    /// an --all-netns run). Its warnings say so; it counts neither as a result nor as a failure.
    /// </summary>
    public bool Vanished => Errors.Count > 0 && Errors.All(e => !e.IsError);

    /// <summary>True when the host failed for bad input (a policy or argument), which no retry fixes.</summary>
    public bool IsInputError => Errors.Count > 0 && new TwOperationException(Errors.ToList()).IsInputError;
}
