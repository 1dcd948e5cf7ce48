using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Tests.Downsampling;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Series;

/// <summary>BlockSeriesReader on hand-built 5m blocks: a native-histogram series' windows and a float series' beside them.</summary>
public sealed class BlockSeriesReaderWindowTests : IDisposable
{
    private static readonly long[] Ends = AggregateChunkSamplesTests.Ends;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static AggregateSample[] Windows(string block, long start = long.MinValue, long end = long.MaxValue)
    {
        using var reader = BlockReader.Open(block);
        var series = Assert.Single(BlockSeriesReader.Read(reader, SeriesSelector.All, start, end));
        Assert.Equal(DownsampleResolution.FiveMinutes, series.Resolution);
        Assert.Empty(series.Raw);
        Assert.Null(series.Histograms);
        return series.Aggregates.ToArray();
    }

    private string HistogramBlock(long[] counterTimes) => DownsampleSourceBlock.WriteHistogramAggregates(_dir.Combine(Guid.NewGuid().ToString("N")), DownsampleResolution.FiveMinutes,
        Ends.Select((t, i) => (t, 4.0 + i)).ToArray(),
        Ends.Select((t, i) => (t, AggregateChunkSamplesTests.Histogram(2 + i))).ToArray(),
        counterTimes.Select((t, i) => (t, AggregateChunkSamplesTests.Histogram(10 * (i + 1)))).ToArray());

    [Fact]
    public void AHistogramSeriesWindowHasItsCountAndItsSumAndCounterHistograms()
    {
        var windows = Windows(HistogramBlock(Ends));
        Assert.Equal(Ends, windows.Select(w => w.Timestamp));
        Assert.Equal(new double?[] { 4, 5, 6 }, windows.Select(w => w.Count));
        for (var i = 0; i < Ends.Length; i++)
        {
            AggregateChunkSamplesTests.AssertSameHistogram(AggregateChunkSamplesTests.Histogram(2 + i), windows[i].SumHistogram!);
            AggregateChunkSamplesTests.AssertSameHistogram(AggregateChunkSamplesTests.Histogram(10 * (i + 1)), windows[i].CounterHistogram!);
            Assert.Null(windows[i].Sum);
            Assert.Null(windows[i].Min);
            Assert.Null(windows[i].Max);
            Assert.Null(windows[i].Counter);
        }
    }

    [Fact]
    public void TheRangeIsInclusiveAndAWindowWithoutACounterHistogramHasNone()
    {
        var middle = Assert.Single(Windows(HistogramBlock(Ends), Ends[1], Ends[1]));
        Assert.Equal(5, middle.Count);
        AggregateChunkSamplesTests.AssertSameHistogram(AggregateChunkSamplesTests.Histogram(20), middle.CounterHistogram!);

        // The counter stops a window early: the last window keeps its count and sum, and has no counter.
        var windows = Windows(HistogramBlock(Ends[..2]));
        Assert.Equal(3, windows.Length);
        Assert.NotNull(windows[1].CounterHistogram);
        Assert.Null(windows[2].CounterHistogram);
        AggregateChunkSamplesTests.AssertSameHistogram(AggregateChunkSamplesTests.Histogram(4), windows[2].SumHistogram!);
    }

    [Fact]
    public void AFloatSeriesWindowHasNoHistograms()
    {
        var block = DownsampleSourceBlock.WriteAggregates(_dir.Combine("float"), DownsampleResolution.FiveMinutes, new[]
        {
            new Dictionary<AggregateType, (long, double)[]>
            {
                [AggregateType.Count] = Ends.Select(t => (t, 20.0)).ToArray(),
                [AggregateType.Sum] = Ends.Select(t => (t, 200.0)).ToArray(),
                [AggregateType.Min] = Ends.Select(t => (t, 1.0)).ToArray(),
                [AggregateType.Max] = Ends.Select(t => (t, 19.0)).ToArray(),
                [AggregateType.Counter] = new[] { (Ends[0] - 299_000, 0.0) }.Concat(Ends.Select((t, i) => (t, 100.0 * i))).Append((Ends[^1], 200.0)).ToArray(),
            },
        });
        var windows = Windows(block);
        Assert.Equal(new double?[] { 0, 100, 200 }, windows.Select(w => w.Counter));
        Assert.All(windows, w => Assert.Equal<(double?, double?, double?, double?)>((20, 200, 1, 19), (w.Count, w.Sum, w.Min, w.Max)));
        Assert.All(windows, w => Assert.Null(w.SumHistogram));
        Assert.All(windows, w => Assert.Null(w.CounterHistogram));
    }
}
