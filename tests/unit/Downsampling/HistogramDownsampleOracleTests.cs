using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Tsdb;
using Xunit;

namespace ThanosLab.Tests.Downsampling;

/// <summary>
/// An independent oracle for native-histogram downsampling: a real Prometheus 2.42 serves the raw
/// block of three generated days (counter and gauge histograms). For complete windows of the 5m and
/// 1h blocks, count_over_time over the window's range is the count aggregate, and the histograms
/// Prometheus returns for that range, added up bucket by bucket (by their bounds) in time order, per
/// 5m window and then the 5m sums, are the sum aggregate bit for bit.
/// </summary>
public sealed class HistogramDownsampleOracleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public async Task WindowsOfHistogram5mAnd1hBlocksEqualPrometheusOverTheRawBlock()
    {
        var raw = BlockGenerator.Generate(HistogramChunkVerificationTests.DaySpec(72), _dir.Combine("raw"));
        using var prometheus = await PrometheusProcess.StartAsync(new[] { raw.Path });
        var client = new PrometheusApiClient(prometheus.Endpoint, TimeSpan.FromSeconds(30));
        var fiveMinutes = new BlockDownsampler().Downsample(raw.Path, DownsampleResolution.FiveMinutes, _dir.Combine("5m"));
        var oneHour = new BlockDownsampler().Downsample(fiveMinutes.Path, DownsampleResolution.OneHour, _dir.Combine("1h"));

        var checkedWindows = 0;
        foreach (var (block, range, resolution) in new[] { (fiveMinutes.Path, "5m", DownsampleResolution.FiveMinutes), (oneHour.Path, "1h", DownsampleResolution.OneHour) })
        {
            foreach (var (selector, t, count, sum) in ChosenWindows(block, resolution))
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(t);
                var counted = Assert.Single(Assert.Single((await client.QueryAsync($"count_over_time({selector}[{range}])", at, null, default)).Series).Samples).Value;
                Assert.True(count == counted, $"count_over_time({selector}[{range}]) at {t}: Prometheus {counted}, block {count}");
                var histograms = Assert.Single((await client.QueryAsync($"{selector}[{range}]", at, null, default)).Series).Samples;
                Assert.Equal(count, histograms.Count);
                var expected = histograms
                    .GroupBy(s => AggregateWindows.WindowEnd(s.TimestampMs, DownsampleResolution.FiveMinutes))
                    .Select(window => Added(window.Select(s => s.Histogram!)))
                    .Aggregate((a, b) => Added(new[] { a, b }));
                Assert.True(BitConverter.DoubleToInt64Bits(expected.Count) == BitConverter.DoubleToInt64Bits(sum.Count), $"{selector} at {t}: count {sum.Count:R}, Prometheus' histograms add up to {expected.Count:R}");
                Assert.True(BitConverter.DoubleToInt64Bits(expected.Sum) == BitConverter.DoubleToInt64Bits(sum.Sum), $"{selector} at {t}: sum {sum.Sum:R}, Prometheus' histograms add up to {expected.Sum:R}");
                Assert.Equal(expected.Buckets.Where(b => b.Count != 0).ToArray(), sum.Buckets().ToArray());
                checkedWindows++;
            }
        }
        Assert.Equal(2 * 4 * 3, checkedWindows);
    }

    // The histograms added up bucket by bucket, each bucket's counts in the order given.
    private static QueryHistogram Added(IEnumerable<QueryHistogram> histograms)
    {
        double count = 0, sum = 0;
        var buckets = new SortedDictionary<(double Lower, double Upper), HistogramBucket>();
        var first = true;
        foreach (var h in histograms)
        {
            (count, sum) = first ? (h.Count, h.Sum) : (count + h.Count, sum + h.Sum);
            first = false;
            foreach (var b in h.Buckets)
            {
                buckets[(b.Lower, b.Upper)] = buckets.TryGetValue((b.Lower, b.Upper), out var seen) ? seen with { Count = seen.Count + b.Count } : b;
            }
        }
        return new QueryHistogram(count, sum, buckets.Values.ToArray());
    }

    /// <summary>
    /// Three complete windows per series: the second window of the first, middle and last chunk (a
    /// chunk's first window may continue one the chunk before began, and the block's first and last
    /// windows are cut by its range). Each ends on the resolution's boundary.
    /// </summary>
    private static IEnumerable<(string Selector, long T, double Count, NativeHistogram Sum)> ChosenWindows(string blockPath, long resolution)
    {
        using var reader = BlockReader.Open(blockPath);
        var windows = new List<(string, long, double, NativeHistogram)>();
        foreach (var series in reader.Series())
        {
            var selector = "{" + string.Join(",", series.Labels.Select(l => $"{l.Name}=\"{l.Value}\"")) + "}";
            var chunks = series.Chunks.Count == 1 ? new[] { 0, 0, 0 } : new[] { 0, series.Chunks.Count / 2, series.Chunks.Count - 1 };
            foreach (var (index, position) in chunks.Select((c, i) => (c, i)))
            {
                var chunk = series.Chunks[index];
                var samples = new AggregateChunkSamples();
                Assert.Null(samples.Load(reader.ReadRecord(chunk).Data, chunk.MinTime, chunk.MaxTime));
                var count = samples.Samples(AggregateType.Count);
                // With one chunk, three windows from its second on.
                var w = series.Chunks.Count == 1 ? 1 + position * (count.Count - 3) / 2 : 1;
                Assert.Equal(resolution - 1, count.Timestamps[w] % resolution);
                var sum = samples.Histograms(AggregateType.Sum)[w];
                Assert.Equal(count.Timestamps[w], sum.Timestamp);
                windows.Add((selector, count.Timestamps[w], count.Values[w], sum.Histogram));
            }
        }
        return windows;
    }
}
