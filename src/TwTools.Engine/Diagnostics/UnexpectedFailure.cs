using TwTools.Engine.Text;

namespace TwTools.Engine.Diagnostics;

/// <summary>
/// The one error for a failure nothing foresaw (a carrier's or a library's own exception): it names the
/// host and what happened in printable text, so it can never hang a run, print a stack trace or put a
/// raw control character on a terminal.
/// </summary>
public static class UnexpectedFailure
{
    public static TwDiagnostic Of(string host, Exception exception)
    {
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        var what = PrintableText.Of(inner.Message, 400);
        return TwDiagnostic.Error(TwErrorIds.Host.Unexpected, TwErrorCategory.InvalidOperation, $"{PrintableText.Of(host, 200)}: failed: {what} ({inner.GetType().Name})") with { Target = host };
    }
}
