namespace TwTools.Engine.Diagnostics;

/// <summary>
/// Thrown when an operation cannot go on. It carries every error found, not just the first, so a
/// user fixing a policy sees all of its problems in one run.
/// </summary>
public sealed class TwOperationException : Exception
{
    public TwOperationException(TwDiagnostic diagnostic)
        : this(new[] { diagnostic })
    {
    }

    public TwOperationException(IReadOnlyList<TwDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "TwTools operation failed.")
    {
        Diagnostics = diagnostics;
    }

    public TwOperationException(TwDiagnostic diagnostic, Exception inner)
        : base(diagnostic.ToString(), inner)
    {
        Diagnostics = new[] { diagnostic };
    }

    public IReadOnlyList<TwDiagnostic> Diagnostics { get; }

    public TwDiagnostic Primary => Diagnostics[0];

    /// <summary>
    /// What to report, one record per failed host: input errors stay one per problem (each at its file and
    /// line), but a failed operation is one error (the first cause's id and category) that says every
    /// cause, followed by the notes (what was rolled back).
    /// </summary>
    public IReadOnlyList<TwDiagnostic> ToReport()
    {
        var errors = Diagnostics.Where(d => d.IsError).ToList();
        if (IsInputError || errors.Count < 2)
        {
            return Diagnostics;
        }

        // Messages start with the host ("web1: ..."); say it once.
        var colon = errors[0].Message.IndexOf(": ", StringComparison.Ordinal);
        var host = colon > 0 ? errors[0].Message[..(colon + 2)] : "\0";
        var also = errors.Skip(1).Select(e => e.Message.StartsWith(host, StringComparison.Ordinal) ? e.Message[host.Length..] : e.Message);
        var combined = errors[0] with { Message = $"{errors[0].Message}; also: {string.Join("; ", also)}" };
        return [combined, .. Diagnostics.Where(d => !d.IsError)];
    }

    /// <summary>True when the input was at fault (exit code 2); false when the host operation failed (exit code 3).</summary>
    public bool IsInputError => Primary.IsBadInput;
}
