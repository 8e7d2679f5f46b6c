using System.Management.Automation;
using TwTools.Engine.Diagnostics;

namespace TwTools.PowerShell.Hosting;

/// <summary>Turns engine diagnostics into ErrorRecords whose FullyQualifiedErrorId is the stable dotted id.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(TwDiagnostic diagnostic, object? target) =>
        new(new TwToolsException(diagnostic), diagnostic.Id, Map(diagnostic.Category), target ?? diagnostic.Target ?? diagnostic.File)
        {
            ErrorDetails = new ErrorDetails(diagnostic.ToString()),
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
