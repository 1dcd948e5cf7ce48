namespace ThanosLab.Engine;

/// <summary>What went wrong, in terms the PowerShell layer maps to an ErrorCategory.</summary>
public enum ErrorKind
{
    InvalidArgument,
    InvalidData,
    ObjectNotFound,
    ResourceExists,
    ResourceUnavailable,
    ConnectionError,
    PermissionDenied,
    AuthenticationError,
    OperationTimeout,
    InvalidOperation,
    NotInstalled,
    WriteError,
    ReadError,
}
