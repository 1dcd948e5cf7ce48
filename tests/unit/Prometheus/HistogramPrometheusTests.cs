using System.Globalization;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Tsdb;
using Xunit;

namespace ThanosLab.Tests.Prometheus;

/// <summary>
/// Generated native-histogram blocks read by the real Prometheus 2.42 tools: promtool analyzes them,
/// and a Prometheus serving them answers histogram_count, histogram_sum, histogram_quantile, the raw
/// histograms and count_over_time exactly as our own reader decodes the block.
/// </summary>
public sealed class HistogramPrometheusTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void PromtoolAnalyzesAHistogramBlock()
    {
        var promtool = Requires.Tool("promtool", "apt-get install prometheus");
        var block = BlockGenerator.Generate(HistogramChunkVerificationTests.DaySpec(2), _dir.Path);
        var (code, output) = ToolProcess.Run(promtool, "tsdb", "analyze", _dir.Path, block.Meta.Ulid.ToString());
        Assert.True(code == 0, output);
        Assert.Contains("Series: 4", output);
        Assert.Contains("request_duration_seconds", output);
    }

    [SkippableFact]
    public async Task PrometheusAnswersWhatTheBlockHolds()
    {
        var block = BlockGenerator.Generate(HistogramChunkVerificationTests.DaySpec(3), _dir.Path);
        using var prometheus = await PrometheusProcess.StartAsync(new[] { block.Path });
        var client = new PrometheusApiClient(prometheus.Endpoint, TimeSpan.FromSeconds(30));
        using var reader = BlockReader.Open(block.Path);
        var all = BlockSeriesReader.Read(reader, SeriesSelectorParser.Parse("{__name__=~\".+\"}"), long.MinValue, long.MaxValue).ToArray();
        Assert.Equal(4, all.Length);
        foreach (var series in all)
        {
            var samples = series.Histograms!;
            Assert.Equal(3 * 240 + 1, samples.Count);
            var selector = "{" + string.Join(",", series.Labels.Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";
            var last = DateTimeOffset.FromUnixTimeMilliseconds(samples[^1].Timestamp);
            Assert.Equal(samples.Count, await Scalar(client, $"count_over_time({selector}[4h])", last));
            // Samples spread over the block, each chunk's first and last among them.
            foreach (var (t, h) in samples.Where((_, i) => i % 29 == 0 || i % 120 is 0 or 119 || i == samples.Count - 1))
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(t);
                Assert.Equal(h.Count, await Scalar(client, $"histogram_count({selector})", at));
                Assert.Equal(h.Sum, await Scalar(client, $"histogram_sum({selector})", at));
                Assert.Equal(Quantile(0.9, h), await Scalar(client, $"histogram_quantile(0.9, {selector})", at));
                var answered = Assert.Single(Assert.Single((await client.QueryAsync(selector, at, null, default)).Series).Samples);
                Assert.Equal(t, answered.TimestampMs);
                Assert.Equal((h.Count, h.Sum), (answered.Histogram!.Count, answered.Histogram.Sum));
                Assert.Equal(h.Buckets().ToArray(), answered.Histogram.Buckets.ToArray());
            }
        }
    }

    private static async Task<double> Scalar(PrometheusApiClient client, string query, DateTimeOffset at) =>
        Assert.Single(Assert.Single((await client.QueryAsync(query, at, null, default)).Series).Samples).Value;

    // Prometheus 2.42's histogramQuantile (promql/quantile.go) over the buckets our reader decodes:
    // the bucket where the cumulative count reaches the rank, interpolated linearly.
    private static double Quantile(double q, NativeHistogram h)
    {
        var rank = q * h.Count;
        double count = 0;
        HistogramBucket bucket = default;
        foreach (var b in h.Buckets())
        {
            bucket = b;
            count += b.Count;
            if (count >= rank)
            {
                break;
            }
        }
        var (lower, upper) = (bucket.Lower, bucket.Upper);
        if (lower < 0 && upper > 0 && h.NegativeBuckets.Length == 0 && h.PositiveBuckets.Length > 0)
        {
            lower = 0;
        }
        count = Math.Min(count, h.Count);
        if (count < rank)
        {
            return upper;
        }
        rank -= count - bucket.Count;
        return lower + (upper - lower) * (rank / bucket.Count);
    }
}
