namespace TwTools.Engine.Diagnostics;

/// <summary>
/// Thrown when an operation cannot go on. It carries every error found, not just the first, so a
/// user fixing a policy sees all of its problems in one run.
/// </summary>
public sealed class TwException : Exception
{
    public TwException(TwDiagnostic diagnostic)
        : this(new[] { diagnostic })
    {
    }

    public TwException(IReadOnlyList<TwDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "TwTools operation failed.")
    {
        Diagnostics = diagnostics;
    }

    public TwException(TwDiagnostic diagnostic, Exception inner)
        : base(diagnostic.ToString(), inner)
    {
        Diagnostics = new[] { diagnostic };
    }

    public IReadOnlyList<TwDiagnostic> Diagnostics { get; }

    public TwDiagnostic Primary => Diagnostics[0];

    /// <summary>True when the input was at fault (exit code 2); false when the host operation failed (exit code 3).</summary>
    public bool IsInputError => Primary.Id.StartsWith("TwTools.Policy.", StringComparison.Ordinal)
        || Primary.Id.StartsWith("TwTools.Input.", StringComparison.Ordinal);
}
