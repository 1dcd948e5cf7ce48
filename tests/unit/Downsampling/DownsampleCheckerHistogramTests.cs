using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb.Histograms;
using Xunit;

namespace ThanosLab.Tests.Downsampling;

/// <summary>
/// Test-ThanosDownsample's comparison of a native-histogram series' windows: windows read from hand-built
/// aggregate chunks, and single histograms, with and without differences.
/// </summary>
public sealed class DownsampleCheckerHistogramTests
{
    private static readonly long[] Ends = AggregateChunkSamplesTests.Ends;

    private static NativeHistogram Histogram(double scale) => AggregateChunkSamplesTests.Histogram(scale);

    /// <summary>The windows of one histogram aggregate chunk: counts 4, 5, 6 unless given, sums and counters as given.</summary>
    private static List<AggregateSample> Windows(Func<int, NativeHistogram> sum, Func<int, NativeHistogram> counter, Func<int, double>? count = null)
    {
        var samples = new AggregateChunkSamples();
        Assert.Null(samples.Load(AggregateChunkSamplesTests.HistogramChunk(sum, counter, count ?? (i => 4 + i)), Ends[0], Ends[^1]));
        var windows = new List<AggregateSample>();
        BlockSeriesReader.Windows(samples, long.MinValue, long.MaxValue, windows);
        return windows;
    }

    private static List<(long? T, string Message)> Compare(List<AggregateSample> expected, List<AggregateSample> actual)
    {
        var differences = new List<(long?, string)>();
        DownsampleChecker.Compare(DownsampleSourceBlock.Series, expected, actual, (_, t, m) => differences.Add((t, m)));
        return differences;
    }

    private static NativeHistogram With(NativeHistogram h, double count, double zeroCount, double sum, double[] positive, double[] negative) => new()
    {
        Schema = h.Schema, ZeroThreshold = h.ZeroThreshold, Count = count, ZeroCount = zeroCount, Sum = sum,
        PositiveSpans = h.PositiveSpans, PositiveBuckets = positive, NegativeSpans = h.NegativeSpans, NegativeBuckets = negative,
    };

    [Fact]
    public void IdenticalHistogramWindowsHaveNoDifferences()
    {
        Assert.Empty(Compare(Windows(i => Histogram(2 + i), i => Histogram(10 * (i + 1))), Windows(i => Histogram(2 + i), i => Histogram(10 * (i + 1)))));
    }

    [Fact]
    public void AChangedBucketCountAndCountAreReportedAtTheirWindow()
    {
        var expected = Windows(i => Histogram(2 + i), i => Histogram(10 * (i + 1)));
        var actual = Windows(i => i == 1 ? With(Histogram(3), 21, 3, 54.75, new[] { 6, Math.BitIncrement(3), 6 }, new[] { 3.0 }) : Histogram(2 + i), i => Histogram(10 * (i + 1)), i => i == 2 ? 7 : 4 + i);
        Assert.Equal(new (long?, string)[]
        {
            (Ends[1], "sum histogram's positive bucket 1 holds 3.0000000000000004; the source gives 3"),
            (Ends[2], "count is 7; the source gives 6"),
        }, Compare(expected, actual));
    }

    [Fact]
    public void AMissingCounterHistogramIsReported()
    {
        var expected = Windows(i => Histogram(2 + i), i => Histogram(10 * (i + 1)));
        var actual = Windows(i => Histogram(2 + i), i => Histogram(10 * (i + 1)));
        actual[2] = actual[2] with { CounterHistogram = null };
        Assert.Equal(new (long?, string)[] { (Ends[2], "counter histogram is absent; the source gives a histogram of count 210") }, Compare(expected, actual));
        Assert.Equal(new (long?, string)[] { (Ends[2], "counter histogram is a histogram of count 210; the source gives absent") }, Compare(actual, expected));
    }

    [Fact]
    public void TheSameBucketsInAnotherLayoutAreNoDifference()
    {
        var h = Histogram(2);
        // Buckets 0, 1 and 3 as one span over 0 to 3 with an empty bucket 2, and the negative one split off an empty neighbour.
        var wider = h.WithLayout(new[] { new HistogramSpan(0, 4) }, new[] { new HistogramSpan(-3, 2) });
        Assert.Equal(4, wider.PositiveBuckets.Length);
        Assert.Empty(HistogramDifferences.Of("sum histogram", h, wider));
        Assert.Empty(HistogramDifferences.Of("sum histogram", wider, h));
    }

    [Fact]
    public void EachFieldIsComparedBitForBit()
    {
        var h = Histogram(2);
        Assert.Equal(new[] { "sum histogram's zero threshold is 0.002; the source gives 0.001" },
            HistogramDifferences.Of("sum histogram", h, AggregateChunkSamplesTests.Histogram(2, zeroThreshold: 0.002)));
        var fields = With(h, 15, 3, 36.25, new[] { 4.0, 2, 5 }, new[] { 1.0 });
        Assert.Equal(new[]
        {
            "sum histogram's count is 15; the source gives 14",
            "sum histogram's zero count is 3; the source gives 2",
            "sum histogram's sum is 36.25; the source gives 36.5",
            "sum histogram's positive bucket 3 holds 5; the source gives 4 (2 buckets differ)",
        }, HistogramDifferences.Of("sum histogram", h, fields));
    }

    [Fact]
    public void ADifferentSchemaIsReportedWithoutComparingBuckets()
    {
        var h = Histogram(2);
        var coarser = new NativeHistogram
        {
            Schema = 0, ZeroThreshold = h.ZeroThreshold, Count = h.Count, ZeroCount = h.ZeroCount, Sum = h.Sum,
            PositiveSpans = new[] { new HistogramSpan(0, 2) }, PositiveBuckets = new[] { 6.0, 4 }, NegativeSpans = new[] { new HistogramSpan(-1, 1) }, NegativeBuckets = new[] { 2.0 },
        };
        Assert.Equal(new[] { "counter histogram's schema is 0; the source gives 1 (buckets not compared)" }, HistogramDifferences.Of("counter histogram", h, coarser));
    }
}
