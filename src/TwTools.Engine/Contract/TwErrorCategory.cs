namespace TwTools;

/// <summary>
/// The engine's own view of what kind of failure happened. It mirrors the PowerShell ErrorCategory
/// values the cmdlets need, so the engine never references PowerShell and the CLI can map the same
/// categories onto exit codes.
/// </summary>
public enum TwErrorCategory
{
    NotSpecified,
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    PermissionDenied,
    ReadError,
    WriteError,
    InvalidOperation,
    ResourceBusy,
    ResourceUnavailable,
    NotImplemented,
    OperationStopped,
    ConnectionError,
    SecurityError,
    AuthenticationError,
    OperationTimeout,
    LimitsExceeded,
}
