using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Tests.Prometheus;
using Xunit;

namespace ThanosLab.Tests.Downsampling;

/// <summary>
/// An independent oracle for the downsampler: a real Prometheus 2.42 serving the raw blocks of
/// continuous-365d-tiny. For a window [k r, (k+1) r - 1] evaluated at its last millisecond,
/// count_over_time, sum_over_time, min_over_time and max_over_time over [r] cover exactly the window
/// (the extra millisecond k r - 1 holds no 15 s sample), so they must equal the 5m and 1h blocks'
/// count, min and max bit for bit. The sum equals, bit for bit, the plain sum (per 5m window, then of
/// the 5m sums) of the raw samples Prometheus returns for the window: Prometheus 2.42's own
/// sum_over_time uses Kahan summation, which Thanos does not, so it agrees only to the last bits.
/// </summary>
[Collection(PrometheusYearCollection.Name)]
public class DownsampleOracleTests
{
    private static readonly string[] Metrics = { "continuous_app_metric0", "continuous_app_metric3" };

    private readonly PrometheusYearFixture _year;

    public DownsampleOracleTests(PrometheusYearFixture year) => _year = year;

    private readonly record struct Window(string Metric, long End, double Count, double Sum, double Min, double Max);

    [SkippableFact]
    public async Task WindowsOfThe5mAnd1hBlocksEqualPrometheusOverTheRawBlocks()
    {
        var prometheus = await _year.StartedAsync();
        var client = new PrometheusApiClient(prometheus.Endpoint);
        using var downsampled = new DownsampledYear(_year.Year.Blocks);
        Assert.Equal(9, downsampled.FiveMinute.Count);
        Assert.Equal(5, downsampled.OneHour.Count);

        var checkedWindows = 0;
        foreach (var (blocks, range, resolution) in new[] { (downsampled.FiveMinute, "5m", DownsampleResolution.FiveMinutes), (downsampled.OneHour, "1h", DownsampleResolution.OneHour) })
        {
            foreach (var block in blocks)
            {
                foreach (var window in ChosenWindows(block.Path, resolution))
                {
                    var at = DateTimeOffset.FromUnixTimeMilliseconds(window.End);
                    foreach (var (function, expected) in new[] { ("count", window.Count), ("min", window.Min), ("max", window.Max) })
                    {
                        var value = await Instant(client, $"{function}_over_time({window.Metric}[{range}])", at);
                        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(value),
                            $"{function}_over_time({window.Metric}[{range}]) at {window.End}: Prometheus {value:R}, block {block.Meta.Id} {expected:R}");
                    }
                    // Prometheus 2.42's sum_over_time adds with Kahan compensation, Thanos plainly; so the sum
                    // is compared bit for bit with the plain sum of the raw samples Prometheus returns for the
                    // window, and with sum_over_time to the last few bits.
                    var raw = Assert.Single((await client.QueryAsync($"{window.Metric}[{range}]", at, null, default)).Series).Samples;
                    Assert.Equal(window.Count, raw.Count);
                    // A 1h sum is the sum of its twelve 5m sums, each added up in time order.
                    var plain = raw.GroupBy(r => AggregateWindows.WindowEnd(r.TimestampMs, DownsampleResolution.FiveMinutes))
                        .Select(fiveMinutes => fiveMinutes.Aggregate(0.0, (sum, r) => sum + r.Value))
                        .Aggregate(0.0, (sum, fiveMinutes) => sum + fiveMinutes);
                    Assert.True(BitConverter.DoubleToInt64Bits(window.Sum) == BitConverter.DoubleToInt64Bits(plain),
                        $"the plain sum of {window.Metric}[{range}] at {window.End} is {plain:R}, block {block.Meta.Id} {window.Sum:R}");
                    var compensated = await Instant(client, $"sum_over_time({window.Metric}[{range}])", at);
                    Assert.True(Math.Abs(compensated - window.Sum) <= Math.Abs(compensated) * 1e-14,
                        $"sum_over_time({window.Metric}[{range}]) at {window.End}: Prometheus {compensated:R}, block {window.Sum:R}");
                    checkedWindows++;
                }
            }
        }
        Assert.Equal((9 + 5) * Metrics.Length * 3, checkedWindows);
    }

    private static async Task<double> Instant(PrometheusApiClient client, string query, DateTimeOffset at) =>
        Assert.Single(Assert.Single((await client.QueryAsync(query, at, null, default)).Series).Samples).Value;

    /// <summary>
    /// Three complete windows per metric: the second window of the first, middle and last chunk. A
    /// chunk's first window may continue one the previous chunk began, and the series' first and last
    /// windows share their range with the neighbouring raw blocks; windows that end on the resolution's
    /// boundary and are not first in their chunk hold exactly the raw samples of their range.
    /// </summary>
    private static IEnumerable<Window> ChosenWindows(string blockPath, long resolution)
    {
        using var reader = BlockReader.Open(blockPath);
        var windows = new List<Window>();
        foreach (var series in reader.Series())
        {
            var metric = series.Labels.Get("__name__")!;
            if (!Metrics.Contains(metric))
            {
                continue;
            }
            foreach (var index in new[] { 0, series.Chunks.Count / 2, series.Chunks.Count - 1 })
            {
                var chunk = series.Chunks[index];
                var samples = new AggregateChunkSamples();
                Assert.Null(samples.Load(reader.ReadRecord(chunk).Data, chunk.MinTime, chunk.MaxTime));
                var t = samples.Samples(AggregateType.Count).Timestamps;
                Assert.True(t.Length > 2);
                Assert.Equal(resolution - 1, t[1] % resolution);
                windows.Add(new Window(metric, t[1], samples.Samples(AggregateType.Count).Values[1], samples.Samples(AggregateType.Sum).Values[1],
                    samples.Samples(AggregateType.Min).Values[1], samples.Samples(AggregateType.Max).Values[1]));
            }
        }
        return windows;
    }
}
