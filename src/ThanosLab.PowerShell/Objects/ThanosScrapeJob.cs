namespace ThanosLab;

/// <summary>
/// One scrape job of a ThanosPrometheusConfig. New-ThanosPrometheusConfig -ScrapeJob takes these (or
/// hashtables with the same keys), so jobs can be copied from one configuration to another.
/// </summary>
public sealed class ThanosScrapeJob
{
    public string Name { get; set; } = "";

    public string MetricsPath { get; set; } = "/metrics";

    /// <summary>host:port targets.</summary>
    public string[] Targets { get; set; } = Array.Empty<string>();

    public override string ToString() => $"{Name}: {string.Join(", ", Targets)}{(MetricsPath == "/metrics" ? "" : " " + MetricsPath)}";
}
