using TwTools.Engine.Diagnostics;

namespace TwTools;

/// <summary>The exception inside a TwTools ErrorRecord; it keeps the diagnostic for callers that catch it.</summary>
public sealed class TwErrorRecordException : Exception
{
    public TwErrorRecordException(TwDiagnostic diagnostic)
        : base(diagnostic.ToString()) => Diagnostic = diagnostic;

    public TwDiagnostic Diagnostic { get; }
}
