namespace ThanosLab.Engine;

/// <summary>
/// The one exception type the engine throws for expected failures. The cmdlet layer maps
/// <see cref="Kind"/> to an ErrorCategory and <see cref="ErrorId"/> to a stable ErrorId, so it never
/// has to catch SDK exception types (which would load them into the default load context).
/// </summary>
public sealed class ThanosLabException : Exception
{
    public ThanosLabException(ErrorKind kind, string errorId, string message, object? target = null,
        string? recommendedAction = null, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
        ErrorId = errorId;
        Target = target;
        RecommendedAction = recommendedAction;
    }

    public ErrorKind Kind { get; }

    /// <summary>Stable PascalCase identifier, e.g. <c>UnknownProfile</c>.</summary>
    public string ErrorId { get; }

    /// <summary>The value or object the error is about (never a secret).</summary>
    public object? Target { get; }

    public string? RecommendedAction { get; }
}
