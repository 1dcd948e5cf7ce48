namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// The tutorial's scrape jobs (prometheus0_eu1.yml): every lab component on its tutorial port, so
/// the lab's Prometheus monitors the lab itself.
/// </summary>
public static class LabScrapeJobs
{
    /// <summary>The jobs for components listening on <paramref name="host"/>, in the tutorial's order.</summary>
    public static IReadOnlyList<ScrapeJob> For(string host = "127.0.0.1") => new[]
    {
        new ScrapeJob("prometheus", new[] { $"{host}:9090" }),
        new ScrapeJob("sidecar", new[] { $"{host}:19090" }),
        new ScrapeJob("minio", new[] { $"{host}:9000" }, "/minio/prometheus/metrics"),
        new ScrapeJob("querier", new[] { $"{host}:9091" }),
        new ScrapeJob("store_gateway", new[] { $"{host}:19091" }),
    };
}
