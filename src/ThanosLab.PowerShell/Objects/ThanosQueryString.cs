namespace ThanosLab;

/// <summary>The answer of a PromQL expression whose result is a string (result type "string").</summary>
public sealed class ThanosQueryString
{
    public DateTimeOffset Timestamp { get; set; }

    public string Value { get; set; } = "";

    public Uri? Endpoint { get; set; }

    public override string ToString() => Value;
}
