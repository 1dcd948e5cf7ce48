using System.Collections.Specialized;
using ThanosLab.Binding;
using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Prometheus;

namespace ThanosLab;

/// <summary>
/// A Prometheus configuration (prometheus.yml), from New-ThanosPrometheusConfig or
/// Import-ThanosConfig; what Export-ThanosConfig writes and Start-ThanosPrometheus mounts.
/// </summary>
public sealed class ThanosPrometheusConfig : IThanosConfig
{
    internal ThanosPrometheusConfig(PrometheusConfig config) => Config = config;

    internal PrometheusConfig Config { get; }

    IConfigDocument IThanosConfig.Document => Config;

    /// <summary>global.scrape_interval; Prometheus' default (1m) when the file leaves it out.</summary>
    public TimeSpan ScrapeInterval => Config.ScrapeInterval ?? PrometheusConfig.DefaultScrapeInterval;

    /// <summary>global.evaluation_interval; Prometheus' default (1m) when the file leaves it out.</summary>
    public TimeSpan EvaluationInterval => Config.EvaluationInterval ?? PrometheusConfig.DefaultEvaluationInterval;

    /// <summary>global.external_labels, sorted by name.</summary>
    public OrderedDictionary ExternalLabels => LabelArguments.ToDictionary(Config.ExternalLabels);

    public ThanosScrapeJob[] ScrapeJobs => Config.ScrapeJobs
        .Select(j => new ThanosScrapeJob { Name = j.Name, MetricsPath = j.MetricsPath, Targets = j.Targets.ToArray() })
        .ToArray();

    /// <summary>The file's text, exactly as Export-ThanosConfig writes it.</summary>
    public string ToYaml() => Config.ToYaml();

    public override string ToString() =>
        $"prometheus.yml: {Config.ScrapeJobs.Count} scrape job(s), external labels {Config.ExternalLabels}";
}
