using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// The part of prometheus.yml the lab uses: the global scrape and evaluation intervals, the external
/// labels that Thanos uses to tell Prometheus replicas apart, and static scrape jobs.
/// </summary>
public sealed class PrometheusConfig : IConfigDocument
{
    public PrometheusConfig(TimeSpan? scrapeInterval = null, TimeSpan? evaluationInterval = null,
        LabelSet? externalLabels = null, IEnumerable<ScrapeJob>? scrapeJobs = null)
    {
        ScrapeInterval = ValidateInterval(scrapeInterval, "scrape interval");
        EvaluationInterval = ValidateInterval(evaluationInterval, "evaluation interval");
        ExternalLabels = LabelNameRules.ValidateExternal(externalLabels ?? LabelSet.Empty);
        var jobs = (scrapeJobs ?? Array.Empty<ScrapeJob>()).ToArray();
        // Prometheus refuses a configuration in which two scrape configs share a job name.
        var duplicate = jobs.GroupBy(j => j.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "DuplicateScrapeJob",
                $"The scrape job name '{duplicate.Key}' is used more than once; Prometheus requires unique job names.", duplicate.Key,
                "Give each scrape job its own name, or put several targets into one job.");
        }
        ScrapeJobs = jobs;
    }

    /// <summary>Prometheus' defaults when the file does not set them.</summary>
    public static readonly TimeSpan DefaultScrapeInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan DefaultEvaluationInterval = TimeSpan.FromMinutes(1);

    public ConfigKind Kind => ConfigKind.Prometheus;

    public bool ContainsSecret => false;

    /// <summary><c>global.scrape_interval</c>; null leaves Prometheus' default (1m).</summary>
    public TimeSpan? ScrapeInterval { get; }

    /// <summary><c>global.evaluation_interval</c>; null leaves Prometheus' default (1m).</summary>
    public TimeSpan? EvaluationInterval { get; }

    /// <summary><c>global.external_labels</c>: the labels the sidecar attaches to every uploaded block.</summary>
    public LabelSet ExternalLabels { get; }

    public IReadOnlyList<ScrapeJob> ScrapeJobs { get; }

    public string ToYaml() => PrometheusConfigYaml.Write(this);

    private static TimeSpan? ValidateInterval(TimeSpan? value, string what)
    {
        if (value is null) return null;
        var v = value.Value;
        // model.Duration counts whole milliseconds; anything finer would be lost in the file.
        if (v <= TimeSpan.Zero || v.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidInterval",
                $"'{v}' is not a valid {what}: give a positive duration in whole milliseconds, such as 5s, 15s or 1m.", v);
        }
        return v;
    }
}
