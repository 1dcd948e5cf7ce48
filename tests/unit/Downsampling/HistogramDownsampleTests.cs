using ThanosLab.Engine;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Tests.Infrastructure;
using ThanosLab.Tests.Tsdb;
using Xunit;

namespace ThanosLab.Tests.Downsampling;

/// <summary>
/// Native-histogram downsampling against the expected values of Thanos' downsample_test.go
/// (TestDownsampleNativeHistograms, TestDownSampleNativeHistogram, TestDownsampleMixedChunkTypes), run
/// through real blocks: raw to 5m, then 5m to 1h. Expected histograms are worked out here field by
/// field from the inputs (the test histograms all share one layout), not with the engine's arithmetic.
/// </summary>
public class HistogramDownsampleTests
{
    private const long FiveMinutes = DownsampleResolution.FiveMinutes;
    private const long OneHour = DownsampleResolution.OneHour;

    /// <summary>Prometheus' tsdbutil.GenerateTestFloatHistogram(i).</summary>
    private static NativeHistogram Test(long i) => new()
    {
        Count = 12 + i * 9,
        ZeroCount = 2 + i,
        ZeroThreshold = 0.001,
        Sum = 18.4 * (i + 1),
        Schema = 1,
        PositiveSpans = new[] { new HistogramSpan(0, 2), new HistogramSpan(1, 2) },
        PositiveBuckets = new double[] { i + 1, i + 2, i + 1, i + 1 },
        NegativeSpans = new[] { new HistogramSpan(0, 2), new HistogramSpan(1, 2) },
        NegativeBuckets = new double[] { i + 1, i + 2, i + 1, i + 1 },
    };

    /// <summary>The field-by-field sum of histograms of one layout, added in order.</summary>
    private static NativeHistogram Total(IEnumerable<NativeHistogram> histograms)
    {
        NativeHistogram? total = null;
        foreach (var h in histograms)
        {
            total = total is null ? h : new NativeHistogram
            {
                Count = total.Count + h.Count,
                ZeroCount = total.ZeroCount + h.ZeroCount,
                ZeroThreshold = h.ZeroThreshold,
                Sum = total.Sum + h.Sum,
                Schema = h.Schema,
                PositiveSpans = h.PositiveSpans,
                PositiveBuckets = total.PositiveBuckets.Zip(h.PositiveBuckets, (a, b) => a + b).ToArray(),
                NegativeSpans = h.NegativeSpans,
                NegativeBuckets = total.NegativeBuckets.Zip(h.NegativeBuckets, (a, b) => a + b).ToArray(),
            };
        }
        return total!;
    }

    private static NativeHistogram Tests(params long[] indices) => Total(indices.Select(Test));

    private static (long, double)[] ByIndex(HistogramSpan[] spans, double[] counts) => BucketLayout.Indices(spans).Zip(counts).ToArray();

    private static void AssertHistogram(NativeHistogram want, NativeHistogram got, CounterResetHint hint, string what)
    {
        Assert.True(hint == got.CounterResetHint, $"{what}: hint {got.CounterResetHint}, expected {hint}");
        Assert.True((want.Schema, want.ZeroThreshold) == (got.Schema, got.ZeroThreshold), $"{what}: schema/threshold {got.Schema}/{got.ZeroThreshold}");
        Assert.True(Near(want.Count, got.Count) && Near(want.ZeroCount, got.ZeroCount) && Near(want.Sum, got.Sum),
            $"{what}: count {got.Count} zero {got.ZeroCount} sum {got.Sum:R}, expected {want.Count} {want.ZeroCount} {want.Sum:R}");
        Assert.Equal(ByIndex(want.PositiveSpans, want.PositiveBuckets), ByIndex(got.PositiveSpans, got.PositiveBuckets));
        Assert.Equal(ByIndex(want.NegativeSpans, want.NegativeBuckets), ByIndex(got.NegativeSpans, got.NegativeBuckets));
    }

    // Thanos compares with cmpopts.EquateApprox(0, 1e-9).
    private static bool Near(double want, double got) => Math.Abs(want - got) <= 1e-9;

    private sealed record Chunk((long T, double V)[] Count, (long T, NativeHistogram H)[] Sum, (long T, NativeHistogram H)[] Counter, (long T, double V)[] FloatCounter, bool MinMax);

    private static List<Chunk> Read(string blockPath)
    {
        using var reader = BlockReader.Open(blockPath);
        var chunks = new List<Chunk>();
        foreach (var series in reader.Series())
        {
            foreach (var meta in series.Chunks)
            {
                var samples = new AggregateChunkSamples();
                Assert.Null(samples.Load(reader.ReadRecord(meta).Data, meta.MinTime, meta.MaxTime));
                (long, double)[] Floats(AggregateType type)
                {
                    var s = samples.Samples(type);
                    return Enumerable.Range(0, s.Count).Select(i => (s.Timestamps[i], s.Values[i])).ToArray();
                }
                chunks.Add(new Chunk(Floats(AggregateType.Count), samples.Histograms(AggregateType.Sum).ToArray(), samples.Histograms(AggregateType.Counter).ToArray(),
                    Floats(AggregateType.Counter), samples.IsPresent(AggregateType.Min) || samples.IsPresent(AggregateType.Max)));
            }
        }
        return chunks;
    }

    private static (string FiveMinutes, string OneHour) Downsample(TempDirectory dir, params object[] rawChunks)
    {
        var raw = DownsampleSourceBlock.WriteMixed(dir.Combine("raw"), rawChunks);
        var fiveMinutes = new BlockDownsampler().Downsample(raw, FiveMinutes, dir.Combine("5m")).Path;
        var oneHour = new BlockDownsampler().Downsample(fiveMinutes, OneHour, dir.Combine("1h")).Path;
        return (fiveMinutes, oneHour);
    }

    private static (long, NativeHistogram)[] Every(long start, long step, IEnumerable<NativeHistogram> histograms) =>
        histograms.Select((h, i) => (start + i * step, h)).ToArray();

    [Fact]
    public void RegularHistogramsGiveThanosCountsSumsAndCounters()
    {
        var h = new NativeHistogram
        {
            Count = 2,
            Sum = 0.000551209,
            Schema = 3,
            ZeroThreshold = 2.938735877055719e-39,
            PositiveSpans = new[] { new HistogramSpan(-97, 1), new HistogramSpan(4, 1) },
            PositiveBuckets = new double[] { 1, 1 },
        };
        const long start = 1688526018213, end = 1688562258213, step = 60_000;
        var samples = Every(start, step, Enumerable.Repeat(h, (int)((end - start) / step)));
        Assert.Equal(604, samples.Length);
        using var dir = new TempDirectory();
        // The head cuts a chunk every 120 samples.
        var (fiveMinutes, oneHour) = Downsample(dir, samples.Chunk(120).ToArray<object>());

        var chunk = Assert.Single(Read(fiveMinutes));
        Assert.False(chunk.MinMax);
        Assert.Empty(chunk.FloatCounter);
        Assert.Equal(121, chunk.Count.Length);
        Assert.All(chunk.Count.SkipLast(1), c => Assert.Equal(5, c.V));
        Assert.Equal(4, chunk.Count[^1].V);
        Assert.Equal(1 + samples.Length / 5, chunk.Counter.Length);
        // The counter does not grow: every histogram is the same. Prometheus' reader calls a chunk's first sample unknown.
        for (var i = 0; i < chunk.Counter.Length; i++)
        {
            AssertHistogram(h, chunk.Counter[i].H, i == 0 ? CounterResetHint.Unknown : CounterResetHint.NotCounterReset, $"5m counter {i}");
        }
        var sum5m = new NativeHistogram { Count = 10, Sum = 0.002756045, Schema = 3, ZeroThreshold = h.ZeroThreshold, PositiveSpans = h.PositiveSpans, PositiveBuckets = new double[] { 5, 5 } };
        var last5m = new NativeHistogram { Count = 8, Sum = 0.002204836, Schema = 3, ZeroThreshold = h.ZeroThreshold, PositiveSpans = h.PositiveSpans, PositiveBuckets = new double[] { 4, 4 } };
        for (var i = 0; i < chunk.Sum.Length; i++)
        {
            AssertHistogram(i == 120 ? last5m : sum5m, chunk.Sum[i].H, CounterResetHint.Gauge, $"5m sum {i}");
        }
        Assert.Equal(chunk.Count.Select(c => c.T), chunk.Sum.Select(s => s.T));
        Assert.Equal(chunk.Count.Select(c => c.T), chunk.Counter.Select(s => s.T));

        var hourly = Assert.Single(Read(oneHour));
        Assert.False(hourly.MinMax);
        var sum1h = new NativeHistogram { Count = 120, Sum = 0.03307253999999999, Schema = 3, ZeroThreshold = h.ZeroThreshold, PositiveSpans = h.PositiveSpans, PositiveBuckets = new double[] { 60, 60 } };
        Assert.Equal(11, hourly.Sum.Length);
        for (var i = 0; i < hourly.Sum.Length; i++)
        {
            AssertHistogram(i == 10 ? last5m : sum1h, hourly.Sum[i].H, CounterResetHint.Gauge, $"1h sum {i}");
        }
        Assert.Equal(Enumerable.Repeat(60.0, 10).Append(4), hourly.Count.Select(c => c.V));
    }

    [Fact]
    public void CounterResetsAreAddedUpAsThanosDoes()
    {
        // Thanos' case "float histogram with 30 samples with counter resets and 30s scrape interval":
        // the test histograms 0-14, 0-4 and 0-9, 30 s apart from 0, each run its own chunk (a reset starts one).
        var runs = new[] { 15, 5, 10 };
        var histograms = runs.SelectMany(n => Enumerable.Range(0, n).Select(i => Test(i))).ToArray();
        var samples = Every(0, 30_000, histograms);
        var chunks = new List<object>();
        var at = 0;
        foreach (var n in runs)
        {
            chunks.Add(samples[at..(at + n)]);
            at += n;
        }
        using var dir = new TempDirectory();
        var (fiveMinutes, oneHour) = Downsample(dir, chunks.ToArray());

        var chunk = Assert.Single(Read(fiveMinutes));
        Assert.Equal(new (long, double)[] { (299_999, 10), (599_999, 10), (870_000, 10) }, chunk.Count);
        Assert.Equal(new long[] { 299_999, 599_999, 870_000 }, chunk.Counter.Select(c => c.T));
        // After a reset the counter goes on from the last value before it.
        AssertHistogram(Tests(9), chunk.Counter[0].H, CounterResetHint.Unknown, "counter at 299999");
        AssertHistogram(Tests(14, 4), chunk.Counter[1].H, CounterResetHint.NotCounterReset, "counter at 599999");
        AssertHistogram(Tests(14, 4, 9), chunk.Counter[2].H, CounterResetHint.NotCounterReset, "counter at 870000");
        AssertHistogram(Tests(Enumerable.Range(0, 10).Select(i => (long)i).ToArray()), chunk.Sum[0].H, CounterResetHint.Gauge, "sum at 299999");
        AssertHistogram(Total(Enumerable.Range(10, 5).Concat(Enumerable.Range(0, 5)).Select(i => Test(i))), chunk.Sum[1].H, CounterResetHint.Gauge, "sum at 599999");
        AssertHistogram(Tests(Enumerable.Range(0, 10).Select(i => (long)i).ToArray()), chunk.Sum[2].H, CounterResetHint.Gauge, "sum at 870000");

        var hourly = Assert.Single(Read(oneHour));
        Assert.Equal(new (long, double)[] { (870_000, 30) }, hourly.Count);
        AssertHistogram(Tests(14, 4, 9), Assert.Single(hourly.Counter).H, CounterResetHint.Unknown, "1h counter");
        AssertHistogram(Total(histograms), Assert.Single(hourly.Sum).H, CounterResetHint.Gauge, "1h sum");
    }

    [Fact]
    public void FloatAndHistogramChunksOfOneSeriesAreDownsampledApart()
    {
        // Thanos' TestDownsampleMixedChunkTypes: 20 test histograms, then the floats 0-19, 15 s apart from 15 s.
        var histograms = Every(15_000, 15_000, Enumerable.Range(0, 20).Select(i => Test(i)));
        var floats = Enumerable.Range(0, 20).Select(i => (315_000 + i * 15_000L, (double)i)).ToArray();
        using var dir = new TempDirectory();
        var (fiveMinutes, oneHour) = Downsample(dir, histograms, floats);

        var chunks = Read(fiveMinutes);
        Assert.Equal(2, chunks.Count);
        Assert.Equal(new (long, double)[] { (299_999, 19), (300_000, 1) }, chunks[0].Count);
        AssertHistogram(Test(18), chunks[0].Counter[0].H, CounterResetHint.Unknown, "counter at 299999");
        AssertHistogram(Test(19), chunks[0].Counter[1].H, CounterResetHint.NotCounterReset, "counter at 300000");
        AssertHistogram(Tests(Enumerable.Range(0, 19).Select(i => (long)i).ToArray()), chunks[0].Sum[0].H, CounterResetHint.Gauge, "sum at 299999");
        AssertHistogram(Test(19), chunks[0].Sum[1].H, CounterResetHint.Gauge, "sum at 300000");
        Assert.Equal(new (long, double)[] { (599_999, 19), (600_000, 1) }, chunks[1].Count);
        Assert.Equal(new (long, double)[] { (315_000, 0), (599_999, 18), (600_000, 19), (600_000, 19) }, chunks[1].FloatCounter);
        Assert.True(chunks[1].MinMax);

        var hourly = Read(oneHour);
        Assert.Equal(2, hourly.Count);
        Assert.Equal(new (long, double)[] { (300_000, 20) }, hourly[0].Count);
        AssertHistogram(Test(19), Assert.Single(hourly[0].Counter).H, CounterResetHint.Unknown, "1h counter");
        AssertHistogram(Tests(Enumerable.Range(0, 20).Select(i => (long)i).ToArray()), Assert.Single(hourly[0].Sum).H, CounterResetHint.Gauge, "1h sum");
        Assert.Equal(new (long, double)[] { (600_000, 20) }, hourly[1].Count);
        Assert.Equal(new (long, double)[] { (315_000, 0), (600_000, 19), (600_000, 19) }, hourly[1].FloatCounter);
    }

    [Fact]
    public void GaugeHistogramsKeepTheirLastValueAsCounter()
    {
        // Thanos' GenerateTestGaugeFloatHistograms: test histogram sin(x)*100+100, marked gauge.
        var gauge = Every(0, 30_000, Enumerable.Range(0, 30).Select(x => Test((long)(Math.Sin(x) * 100) + 100)));
        using var dir = new TempDirectory();
        var raw = DownsampleSourceBlock.WriteHistograms(dir.Combine("raw"), floatCounts: true, new[] { (CounterResetHeader.Gauge, gauge) });
        var fiveMinutes = new BlockDownsampler().Downsample(raw, FiveMinutes, dir.Combine("5m")).Path;

        var chunk = Assert.Single(Read(fiveMinutes));
        Assert.Equal(new (long, double)[] { (299_999, 10), (599_999, 10), (870_000, 10) }, chunk.Count);
        for (var w = 0; w < 3; w++)
        {
            var window = gauge.Skip(w * 10).Take(10).Select(s => s.Item2).ToArray();
            // A gauge is never reset: its counter adds up the differences and so ends at the window's last value.
            AssertHistogram(window[^1], chunk.Counter[w].H, CounterResetHint.Gauge, $"counter {w}");
            AssertHistogram(Total(window), chunk.Sum[w].H, CounterResetHint.Gauge, $"sum {w}");
        }
    }

    [Fact]
    public void AFinerSchemaAfterACoarserOneCountsAsAReset()
    {
        // One window: a schema 0 chunk, then a schema 1 chunk (the head cuts at a schema change). The
        // batch works at schema 0; Prometheus' DetectReset calls the finer schema a reset, so Thanos adds
        // the second chunk's first histogram whole.
        var coarse = HistogramArithmetic.ToSchema(Test(1), 0);
        var first = Every(0, 15_000, new[] { HistogramArithmetic.ToSchema(Test(0), 0), coarse });
        var second = Every(30_000, 15_000, new[] { Test(2), Test(3) });
        using var dir = new TempDirectory();
        var raw = DownsampleSourceBlock.WriteMixed(dir.Combine("raw"), new object[] { first, second });
        var fiveMinutes = new BlockDownsampler().Downsample(raw, FiveMinutes, dir.Combine("5m")).Path;

        var chunk = Assert.Single(Read(fiveMinutes));
        var counter = Assert.Single(chunk.Counter).H;
        Assert.Equal(0, counter.Schema);
        // counter = Test(1) + Test(2) + (Test(3) - Test(2)) at schema 0
        var expected = HistogramArithmetic.ToSchema(Tests(1, 3), 0);
        AssertHistogram(expected, counter, CounterResetHint.Unknown, "counter");
        AssertHistogram(HistogramArithmetic.ToSchema(Tests(0, 1, 2, 3), 0), Assert.Single(chunk.Sum).H, CounterResetHint.Gauge, "sum");
    }

    [Fact]
    public void AZeroThresholdThatChangesBetweenWindowsIsRefusedNotDropped()
    {
        var wide = new NativeHistogram
        {
            Count = Test(1).Count, ZeroCount = Test(1).ZeroCount, ZeroThreshold = 0.01, Sum = Test(1).Sum, Schema = 1,
            PositiveSpans = Test(1).PositiveSpans, PositiveBuckets = Test(1).PositiveBuckets,
            NegativeSpans = Test(1).NegativeSpans, NegativeBuckets = Test(1).NegativeBuckets,
        };
        using var dir = new TempDirectory();
        var raw = DownsampleSourceBlock.WriteMixed(dir.Combine("raw"), new object[] { Every(0, 60_000, new[] { Test(0) }), Every(600_000, 60_000, new[] { wide }) });
        var e = Assert.Throws<ThanosLabException>(() => new BlockDownsampler().Downsample(raw, FiveMinutes, dir.Combine("5m")));
        Assert.Equal("HistogramNotAppendable", e.ErrorId);
        Assert.Contains("{__name__=\"a\"}", e.Message);
        Assert.Contains("zero threshold 0.01", e.Message);
        Assert.Contains("zero threshold 0.001", e.Message);
        Assert.False(Directory.Exists(dir.Combine("5m")) && Directory.EnumerateFileSystemEntries(dir.Combine("5m")).Any(), "nothing may be left in the output directory");
    }

    [Fact]
    public void GeneratedHistogramBlocksDownsampleToHealthyBlocksThatAddUp()
    {
        using var dir = new TempDirectory();
        var raw = BlockGenerator.Generate(HistogramChunkVerificationTests.DaySpec(48), dir.Combine("raw"));
        var fiveMinutes = new BlockDownsampler().Downsample(raw.Path, FiveMinutes, dir.Combine("5m"));
        var oneHour = new BlockDownsampler().Downsample(fiveMinutes.Path, OneHour, dir.Combine("1h"));
        Assert.Empty(fiveMinutes.Warnings);
        foreach (var block in new[] { fiveMinutes.Path, oneHour.Path })
        {
            var verification = BlockVerifier.Verify(block);
            Assert.True(verification.IsHealthy, string.Join("\n", verification.Issues));
        }

        using var rawReader = BlockReader.Open(raw.Path);
        var everything = SeriesSelectorParser.Parse("{__name__=~\".+\"}");
        var rawSeries = BlockSeriesReader.Read(rawReader, everything, long.MinValue, long.MaxValue).ToDictionary(s => s.Labels.ToString());
        Assert.Equal(4, rawSeries.Count);
        foreach (var (block, resolution) in new[] { (fiveMinutes.Path, FiveMinutes), (oneHour.Path, OneHour) })
        {
            using var reader = BlockReader.Open(block);
            foreach (var series in reader.Series())
            {
                var histograms = rawSeries[series.Labels.ToString()].Histograms!;
                var windows = new List<(long T, double Count, NativeHistogram Sum)>();
                foreach (var meta in series.Chunks)
                {
                    var samples = new AggregateChunkSamples();
                    Assert.Null(samples.Load(reader.ReadRecord(meta).Data, meta.MinTime, meta.MaxTime));
                    Assert.True(samples.IsHistogram);
                    var count = samples.Samples(AggregateType.Count);
                    var sums = samples.Histograms(AggregateType.Sum);
                    Assert.Equal(count.Count, sums.Count);
                    Assert.Equal(count.Count, samples.Histograms(AggregateType.Counter).Count);
                    windows.AddRange(Enumerable.Range(0, count.Count).Select(i => (count.Timestamps[i], count.Values[i], sums[i].Histogram)));
                }
                // Every raw histogram is in exactly one window, and the window's sum holds its observations.
                Assert.Equal(histograms.Count, windows.Sum(w => w.Count));
                var from = long.MinValue;
                foreach (var (t, count, sum) in windows)
                {
                    var inWindow = histograms.Where(h => h.Timestamp > from && h.Timestamp <= t).ToArray();
                    Assert.Equal(inWindow.Length, count);
                    // Added in another order than the downsampler's, so equal to rounding.
                    Assert.Equal(inWindow.Sum(h => h.Histogram.Count), sum.Count, 1e-9 * sum.Count);
                    Assert.Equal(inWindow.Sum(h => h.Histogram.Sum), sum.Sum, 1e-9 * Math.Abs(sum.Sum));
                    Assert.All(inWindow, h => Assert.Equal(t - t % resolution, h.Timestamp - h.Timestamp % resolution));
                    from = t;
                }
            }
        }
    }
}
