namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// The tutorial's liveness checks of a lab component: its metrics page answers, and it reports
/// ready and healthy. Prometheus and every Thanos component serve <c>/metrics</c>, <c>/-/ready</c> and
/// <c>/-/healthy</c>; MinIO has its own paths.
/// </summary>
public static class EndpointHealthChecks
{
    private static readonly (string Name, string Path)[] PrometheusStyle =
    {
        ("Metrics", "/metrics"), ("Ready", "/-/ready"), ("Healthy", "/-/healthy"),
    };

    private static readonly (string Name, string Path)[] Minio =
    {
        ("Metrics", "/minio/prometheus/metrics"), ("Ready", "/minio/health/ready"), ("Healthy", "/minio/health/live"),
    };

    /// <summary>The checks for a component kind (Prometheus, Sidecar, Querier, StoreGateway, Compactor, Minio); null for the common ones.</summary>
    public static IReadOnlyList<(string Name, string Path)> For(string? componentKind) =>
        string.Equals(componentKind, "Minio", StringComparison.OrdinalIgnoreCase) ? Minio : PrometheusStyle;

    /// <summary>Runs the checks at the same time; each reports its own outcome, none throws except on cancellation.</summary>
    public static async Task<IReadOnlyList<EndpointCheck>> RunAsync(PrometheusApiClient client, string? componentKind, CancellationToken cancellation)
    {
        var checks = For(componentKind).Select(c => client.CheckAsync(c.Name, c.Path, cancellation)).ToArray();
        return await Task.WhenAll(checks).ConfigureAwait(false);
    }
}
