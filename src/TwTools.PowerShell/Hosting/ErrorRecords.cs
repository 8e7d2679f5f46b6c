using System.Management.Automation;
using TwTools.Engine.Diagnostics;
using TwTools.Engine.Text;

namespace TwTools.PowerShell.Hosting;

/// <summary>Turns engine diagnostics into ErrorRecords whose FullyQualifiedErrorId is the stable dotted id.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(TwDiagnostic diagnostic, object? target) =>
        new(new TwErrorRecordException(diagnostic), diagnostic.Id, Map(diagnostic.Category), target ?? diagnostic.Target ?? diagnostic.File)
        {
            // What pwsh prints; the message may quote a host's or a file's text, so it is escaped for the terminal.
            ErrorDetails = new ErrorDetails(TerminalText.Escape(diagnostic.ToString())),
        };

    public static ErrorCategory Map(TwErrorCategory category) => category switch
    {
        TwErrorCategory.InvalidArgument => ErrorCategory.InvalidArgument,
        TwErrorCategory.InvalidData => ErrorCategory.InvalidData,
        TwErrorCategory.ObjectNotFound => ErrorCategory.ObjectNotFound,
        TwErrorCategory.PermissionDenied => ErrorCategory.PermissionDenied,
        TwErrorCategory.ReadError => ErrorCategory.ReadError,
        TwErrorCategory.WriteError => ErrorCategory.WriteError,
        TwErrorCategory.InvalidOperation => ErrorCategory.InvalidOperation,
        TwErrorCategory.ResourceBusy => ErrorCategory.ResourceBusy,
        TwErrorCategory.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        TwErrorCategory.NotImplemented => ErrorCategory.NotImplemented,
        TwErrorCategory.OperationStopped => ErrorCategory.OperationStopped,
        TwErrorCategory.ConnectionError => ErrorCategory.ConnectionError,
        TwErrorCategory.SecurityError => ErrorCategory.SecurityError,
        TwErrorCategory.AuthenticationError => ErrorCategory.AuthenticationError,
        TwErrorCategory.OperationTimeout => ErrorCategory.OperationTimeout,
        TwErrorCategory.LimitsExceeded => ErrorCategory.LimitsExceeded,
        _ => ErrorCategory.NotSpecified,
    };
}
