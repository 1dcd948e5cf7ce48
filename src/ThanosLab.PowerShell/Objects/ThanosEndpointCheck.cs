using ThanosLab.Engine.Prometheus;

namespace ThanosLab;

/// <summary>One HTTP check of Test-ThanosEndpoint: Metrics, Ready or Healthy.</summary>
public sealed class ThanosEndpointCheck
{
    public string Name { get; set; } = "";

    public Uri? Uri { get; set; }

    public bool Passed { get; set; }

    /// <summary>The HTTP status; null when nothing answered.</summary>
    public int? StatusCode { get; set; }

    public TimeSpan Duration { get; set; }

    /// <summary>The first line of the answer, or why the check failed.</summary>
    public string Message { get; set; } = "";

    public override string ToString() => $"{Name}: {(Passed ? "passed" : "failed")} ({Message})";

    internal static ThanosEndpointCheck From(EndpointCheck c) => new()
    {
        Name = c.Name,
        Uri = c.Uri,
        Passed = c.Passed,
        StatusCode = c.StatusCode,
        Duration = c.Duration,
        Message = c.Message,
    };
}
