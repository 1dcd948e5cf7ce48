using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// The prometheus.yml Start-ThanosPrometheus writes when given none: the tutorial's 5 s scrape
/// interval, Prometheus scraping itself, and external labels — without them a sidecar refuses
/// to upload. The labels are the caller's, else those of the blocks already in the data
/// directory (generated data carries them), else <c>cluster=&lt;lab&gt;</c>.
/// </summary>
public static class MinimalPrometheusConfig
{
    public static PrometheusConfig Create(string dataPath, LabelSet? externalLabels, int httpPort, string lab) =>
        new(TimeSpan.FromSeconds(5), null,
            externalLabels is { Count: > 0 } ? externalLabels : LabelsOfBlocks(dataPath) ?? LabelSet.FromDictionary(new Dictionary<string, string> { ["cluster"] = lab }),
            new[] { new ScrapeJob("prometheus", new[] { $"127.0.0.1:{httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}" }) });

    /// <summary>The Thanos labels of the first block in <paramref name="dataPath"/> that has any.</summary>
    public static LabelSet? LabelsOfBlocks(string dataPath)
    {
        if (!Directory.Exists(dataPath)) return null;
        foreach (var meta in Directory.EnumerateDirectories(dataPath).Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "meta.json")).Where(File.Exists))
        {
            try
            {
                if (BlockMetaJson.ReadFile(meta).Thanos?.Labels is { Count: > 0 } labels) return labels;
            }
            catch (ThanosLabException)
            {
                // A broken meta.json is not this cmdlet's business; Prometheus will report it.
            }
        }
        return null;
    }
}
