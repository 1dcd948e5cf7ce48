using System.Management.Automation;
using ThanosLab.Engine;

namespace ThanosLab.Cmdlets;

/// <summary>Maps engine failures to PowerShell error records.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(ThanosLabException e, object? target = null)
    {
        var record = new ErrorRecord(e, e.ErrorId, Category(e.Kind), target ?? e.Target);
        if (e.RecommendedAction is { } action)
        {
            record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = action };
        }
        return record;
    }

    public static ErrorRecord Create(string errorId, ErrorCategory category, string message, object? target, string? recommendedAction = null)
    {
        var record = new ErrorRecord(new InvalidOperationException(message), errorId, category, target);
        if (recommendedAction is not null)
        {
            record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
        }
        return record;
    }

    public static ErrorCategory Category(ErrorKind kind) => kind switch
    {
        ErrorKind.InvalidArgument => ErrorCategory.InvalidArgument,
        ErrorKind.InvalidData => ErrorCategory.InvalidData,
        ErrorKind.ObjectNotFound => ErrorCategory.ObjectNotFound,
        ErrorKind.ResourceExists => ErrorCategory.ResourceExists,
        ErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        ErrorKind.ConnectionError => ErrorCategory.ConnectionError,
        ErrorKind.PermissionDenied => ErrorCategory.PermissionDenied,
        ErrorKind.AuthenticationError => ErrorCategory.AuthenticationError,
        ErrorKind.OperationTimeout => ErrorCategory.OperationTimeout,
        ErrorKind.NotInstalled => ErrorCategory.NotInstalled,
        ErrorKind.WriteError => ErrorCategory.WriteError,
        ErrorKind.ReadError => ErrorCategory.ReadError,
        _ => ErrorCategory.InvalidOperation,
    };
}
