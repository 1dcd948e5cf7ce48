namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// The answer of one HTTP check (<c>/metrics</c>, <c>/-/ready</c>, <c>/-/healthy</c>): whether it passed,
/// the status code (null when nothing answered), how long it took and what was wrong.
/// </summary>
public sealed record EndpointCheck(string Name, Uri Uri, bool Passed, int? StatusCode, TimeSpan Duration, string Message);
