using ThanosLab.Engine;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Tests.Infrastructure;
using Xunit;
using static ThanosLab.Tests.Downsampling.ThanosDownsampleTestData;

namespace ThanosLab.Tests.Downsampling;

/// <summary>
/// The expected values of Thanos' own pkg/compact/downsample/downsample_test.go (TestDownsample,
/// TestDownsampleCounterBoundaryReset, TestExpandChunkIterator, TestApplyCounterResetsIterator), run
/// through real blocks on disk: a source block is written, downsampled and read back.
/// </summary>
public class ThanosDownsampleCasesTests
{
    private static (long, double)[] S(params (long, double)[] samples) => samples;

    private static Dictionary<AggregateType, (long T, double V)[]> Chunk(
        (long, double)[]? count = null, (long, double)[]? sum = null, (long, double)[]? min = null, (long, double)[]? max = null, (long, double)[]? counter = null)
    {
        var chunk = new Dictionary<AggregateType, (long, double)[]>();
        if (count is not null) chunk[AggregateType.Count] = count;
        if (sum is not null) chunk[AggregateType.Sum] = sum;
        if (min is not null) chunk[AggregateType.Min] = min;
        if (max is not null) chunk[AggregateType.Max] = max;
        if (counter is not null) chunk[AggregateType.Counter] = counter;
        return chunk;
    }

    private static string[] DownsampleRaw(long resolution, params (long, double)[][] chunks)
    {
        using var dir = new TempDirectory();
        var source = DownsampleSourceBlock.WriteRaw(dir.Combine("in"), chunks);
        var result = new BlockDownsampler().Downsample(source, resolution, dir.Combine("out"));
        return DownsampleSourceBlock.ReadAggregates(result.Path);
    }

    // Thanos' test gives the source block the resolution just below the target.
    private static string[] DownsampleAggregates(long resolution, params Dictionary<AggregateType, (long, double)[]>[] chunks)
    {
        using var dir = new TempDirectory();
        var source = DownsampleSourceBlock.WriteAggregates(dir.Combine("in"), resolution - 1, chunks);
        var result = new BlockDownsampler().Downsample(source, resolution, dir.Combine("out"));
        return DownsampleSourceBlock.ReadAggregates(result.Path);
    }

    private static void Expect(string[] actual, params Dictionary<AggregateType, (long, double)[]>[] expected) =>
        Assert.Equal(expected.Select(DownsampleSourceBlock.Describe).ToArray(), actual);

    [Fact]
    public void SingleChunk()
    {
        var actual = DownsampleRaw(100,
            S((20, 1), (40, 2), (60, 3), (80, 1), (100, 2), (101, Stale), (120, 5), (180, 10), (250, 1)));
        Expect(actual, Chunk(
            count: S((99, 4), (199, 3), (250, 1)),
            sum: S((99, 7), (199, 17), (250, 1)),
            min: S((99, 1), (199, 2), (250, 1)),
            max: S((99, 3), (199, 10), (250, 1)),
            counter: S((20, 1), (99, 4), (199, 13), (250, 14), (250, 1))));
    }

    [Fact]
    public void ThreeChunks()
    {
        var actual = DownsampleRaw(100,
            S((20, 1), (40, 2), (60, 3), (80, 1), (100, 2), (101, Stale), (120, 5), (180, 10), (250, 2)),
            S((260, 1), (300, 10), (340, 15), (380, 25), (420, 35)),
            S((460, Stale), (500, 10), (540, 3)));
        Expect(actual, Chunk(
            count: S((99, 4), (199, 3), (299, 2), (399, 3), (499, 1), (540, 2)),
            sum: S((99, 7), (199, 17), (299, 3), (399, 50), (499, 35), (540, 13)),
            min: S((99, 1), (199, 2), (299, 1), (399, 10), (499, 35), (540, 3)),
            max: S((99, 3), (199, 10), (299, 2), (399, 25), (499, 35), (540, 10)),
            counter: S((20, 1), (99, 4), (199, 13), (299, 16), (399, 40), (499, 50), (540, 63), (540, 3))));
    }

    [Fact]
    public void OverlappingRawChunksAreRefused()
    {
        var first = S((20, 1), (40, 2), (60, 3), (80, 1), (100, 2), (101, Stale), (120, 5), (180, 10), (250, 2));
        var e = Assert.Throws<ThanosLabException>(() => DownsampleRaw(100, first, first,
            S((260, 1), (300, 10), (340, 15), (380, 25), (420, 35)), S((460, Stale), (500, 10), (540, 3))));
        Assert.Equal("OverlappingChunks", e.ErrorId);
        Assert.Contains("chunk 0 ends at 250, chunk 1 starts at 20", e.Message);
    }

    [Fact]
    public void Realistic15sRawChunksTo5m()
    {
        var actual = DownsampleRaw(DownsampleResolution.FiveMinutes, RealisticChunksWithStaleMarker);
        Expect(actual, Realistic5m);
    }

    private static readonly Dictionary<AggregateType, (long, double)[]> Realistic5m = Chunk(
        count: S((1587690299999, 20), (1587690599999, 20), (1587690899999, 20), (1587691199999, 20), (1587691499999, 20), (1587691799999, 20), (1587692099999, 20), (1587692399999, 20), (1587692699999, 16), (1587692999999, 20), (1587693299999, 20), (1587693590791, 20)),
        sum: S((1587690299999, 9.276972e+06), (1587690599999, 9.359861e+06), (1587690899999, 9.447457e+06), (1587691199999, 9.542732e+06), (1587691499999, 9.630379e+06), (1587691799999, 9.715631e+06), (1587692099999, 9.799808e+06), (1587692399999, 9.888117e+06), (1587692699999, 2.98928e+06), (1587692999999, 81592), (1587693299999, 163711), (1587693590791, 255746)),
        min: S((1587690299999, 461968), (1587690599999, 466070), (1587690899999, 470131), (1587691199999, 474913), (1587691499999, 479625), (1587691799999, 483709), (1587692099999, 488036), (1587692399999, 492223), (1587692699999, 75), (1587692999999, 2261), (1587693299999, 6210), (1587693590791, 10464)),
        max: S((1587690299999, 465870), (1587690599999, 469951), (1587690899999, 474726), (1587691199999, 479368), (1587691499999, 483566), (1587691799999, 487787), (1587692099999, 492065), (1587692399999, 496245), (1587692699999, 496544), (1587692999999, 6010), (1587693299999, 10242), (1587693590791, 14956)),
        counter: S((1587690005791, 461968), (1587690299999, 465870), (1587690599999, 469951), (1587690899999, 474726), (1587691199999, 479368), (1587691499999, 483566), (1587691799999, 487787), (1587692099999, 492065), (1587692399999, 496245), (1587692699999, 498647), (1587692999999, 502554), (1587693299999, 506786), (1587693590791, 511500), (1587693590791, 14956)));

    [Fact]
    public void ThreeChunksTheFirstWithNaNOnly()
    {
        var nan = BitConverter.Int64BitsToDouble(0x7ff8000000000001);
        var actual = DownsampleRaw(100,
            S((20, nan), (40, nan), (60, nan), (80, nan), (100, double.NaN), (101, Stale), (120, nan), (180, nan), (250, nan)),
            S((260, 1), (300, 10), (340, 15), (380, 25), (420, 35)),
            S((460, Stale), (500, 10), (540, 3)));
        Expect(actual, Chunk(
            count: S((299, 1), (399, 3), (499, 1), (540, 2)),
            sum: S((299, 1), (399, 50), (499, 35), (540, 13)),
            min: S((299, 1), (399, 10), (499, 35), (540, 3)),
            max: S((299, 1), (399, 25), (499, 35), (540, 10)),
            counter: S((260, 1), (299, 1), (399, 25), (499, 35), (540, 48), (540, 3))));
    }

    private static readonly Dictionary<AggregateType, (long, double)[]> SingleAggregated = Chunk(
        count: S((199, 5), (299, 1), (399, 10), (400, 3), (499, 10), (699, 0), (999, 100)),
        sum: S((199, 5), (299, 1), (399, 10), (400, 3), (499, 10), (699, 0), (999, 100)),
        min: S((199, 5), (299, 1), (399, 10), (400, -3), (499, 10), (699, 0), (999, 100)),
        max: S((199, 5), (299, 1), (399, 10), (400, -3), (499, 10), (699, 0), (999, 100)),
        counter: S((99, 100), (299, 150), (499, 210), (499, 10), (599, 20), (799, 50), (999, 120), (999, 50), (1099, 40), (1199, 80), (1299, 110)));

    private static readonly Dictionary<AggregateType, (long, double)[]> SingleAggregatedAt500 = Chunk(
        count: S((499, 29), (999, 100)),
        sum: S((499, 29), (999, 100)),
        min: S((499, -3), (999, 0)),
        max: S((499, 10), (999, 100)),
        counter: S((99, 100), (499, 210), (999, 320), (1299, 430), (1299, 110)));

    [Fact]
    public void SingleAggregatedChunk() => Expect(DownsampleAggregates(500, SingleAggregated), SingleAggregatedAt500);

    [Fact]
    public void AggregatesAlreadyAtTheTargetResolutionStayAsTheyAre() =>
        Expect(DownsampleAggregates(500, SingleAggregatedAt500), SingleAggregatedAt500);

    [Fact]
    public void TwoAggregatedChunks()
    {
        var second = Chunk(
            count: S((1399, 10), (1400, 3), (1499, 10), (1699, 0), (1999, 100)),
            sum: S((1399, 10), (1400, 3), (1499, 10), (1699, 0), (1999, 100)),
            min: S((1399, 10), (1400, -3), (1499, 10), (1699, 0), (1999, 100)),
            max: S((1399, 10), (1400, -3), (1499, 10), (1699, 0), (1999, 100)),
            counter: S((1499, 210), (1499, 10), (1599, 20), (1799, 50), (1999, 120), (1999, 50), (2099, 40), (2199, 80), (2299, 110)));
        Expect(DownsampleAggregates(500, SingleAggregated, second), Chunk(
            count: S((499, 29), (999, 100), (1499, 23), (1999, 100)),
            sum: S((499, 29), (999, 100), (1499, 23), (1999, 100)),
            min: S((499, -3), (999, 0), (1499, -3), (1999, 0)),
            max: S((499, 10), (999, 100), (1499, 10), (1999, 100)),
            counter: S((99, 100), (499, 210), (999, 320), (1499, 530), (1999, 640), (2299, 750), (2299, 110))));
    }

    [Fact]
    public void OverlappingAggregatedChunksAreRefused()
    {
        var count = Chunk(count: S((199, 5), (299, 1), (399, 10), (400, 3), (499, 10), (699, 0), (999, 100)));
        var e = Assert.Throws<ThanosLabException>(() => DownsampleAggregates(500, count, count));
        Assert.Equal("OverlappingChunks", e.ErrorId);
    }

    [Fact]
    public void Realistic5mChunksWithCounterResetsTo1h() =>
        Expect(DownsampleAggregates(DownsampleResolution.OneHour, Realistic5m), Chunk(
            count: S((1587693590791, 236)),
            sum: S((1587693590791, 8.0151286e+07)),
            min: S((1587693590791, 75)),
            max: S((1587693590791, 496544)),
            counter: S((1587690005791, 461968), (1587693590791, 511500), (1587693590791, 14956))));

    [Fact]
    public void FourCounterOnlyChunksAtTwiceTheResolutionBecomeOne()
    {
        var input = Enumerable.Range(0, 4)
            .Select(c => Chunk(counter: Enumerable.Range(0, 120).Select(i => ((long)(120 * c + i), (double)(120 * c + i))).ToArray()))
            .ToArray();
        var counter = new List<(long, double)> { (0, 0) };
        for (var i = 0; i < 480; i += 2)
        {
            counter.Add((1 + i, 1 + i));
        }
        counter.Add((479, 479));
        Expect(DownsampleAggregates(2, input), Chunk(counter: counter.ToArray()));
    }

    [Fact]
    public void CounterResetsAtChunkBoundariesSurviveBothSteps()
    {
        var raw = new SampleBuffer();
        foreach (var (t, v) in S((10, 1), (20, 3), (30, 5), (50, 1), (60, 8), (70, 10), (120, 1), (130, 18), (140, 20), (160, 21), (170, 38), (180, 40)))
        {
            raw.Add(t, v);
        }
        // More chunks than samples: every window becomes a chunk of its own.
        var chunks = new DownsampledChunks();
        new RawDownsampler().Downsample(raw, 50, raw.Count + 1, chunks);
        Assert.Equal(4, chunks.Count);
        var loaded = Load(chunks);
        Assert.Equal(S((10, 1), (30, 5), (30, 5), (50, 1), (70, 10), (70, 10), (120, 1), (140, 20), (140, 20), (160, 21), (180, 40), (180, 40)), Counters(loaded));
        Assert.Equal(S((10, 1), (30, 5), (50, 6), (70, 15), (120, 16), (140, 35), (160, 36), (180, 55)), Iterate(loaded));

        var coarse = new DownsampledChunks();
        new AggregateDownsampler().Downsample(loaded, 100, 2, coarse);
        Assert.Equal(2, coarse.Count);
        var coarseLoaded = Load(coarse);
        Assert.Equal(S((10, 1), (70, 15), (70, 10), (120, 1), (180, 40), (180, 40)), Counters(coarseLoaded));
        Assert.Equal(S((10, 1), (70, 15), (120, 16), (180, 55)), Iterate(coarseLoaded));
    }

    [Fact]
    public void ExpansionDropsOlderSamplesAndStaleMarkersButKeepsEqualTimestamps()
    {
        var input = S((100, 1), (200, 2), (200, 3), (201, 4), (200, 5), (300, 6), (400, Stale), (500, 5));
        var buffer = new SampleBuffer();
        buffer.AppendChunk(input.Select(s => s.Item1).ToArray(), input.Select(s => s.Item2).ToArray());
        Assert.Equal(S((100, 1), (200, 2), (200, 3), (201, 4), (300, 6), (500, 5)), Pairs(buffer));
    }

    [Fact]
    public void CounterResetIteratorFollowsThanos()
    {
        var chunks = new[]
        {
            S((100, 10), (200, 20), (300, 10), (400, 20), (400, 5)),
            S((500, 10), (600, 20), (700, 30), (800, 40), (800, 10)),
            S((900, 5), (1000, 10), (1100, 15)),
            S((1200, 20), (1250, Stale), (1300, 40)),
            S((1400, 30), (1500, 30), (1600, 50)),
        }.Select(Buffer).ToList();
        Assert.Equal(S((100, 10), (200, 20), (300, 30), (400, 40), (500, 45), (600, 55), (700, 65), (800, 75), (900, 80), (1000, 85),
            (1100, 90), (1200, 95), (1300, 115), (1400, 145), (1500, 145), (1600, 165)), Iterate(chunks));
    }

    [Fact]
    public void CounterResetIteratorOverTheRealistic5mCounter()
    {
        var counter = Buffer(Realistic5m[AggregateType.Counter]);
        Assert.Equal(S((1587690005791, 461968), (1587690299999, 465870), (1587690599999, 469951), (1587690899999, 474726), (1587691199999, 479368),
            (1587691499999, 483566), (1587691799999, 487787), (1587692099999, 492065), (1587692399999, 496245), (1587692699999, 498647),
            (1587692999999, 502554), (1587693299999, 506786), (1587693590791, 511500)), Iterate(new List<SampleBuffer> { counter }));
    }

    private static SampleBuffer Buffer((long, double)[] samples)
    {
        var b = new SampleBuffer();
        foreach (var (t, v) in samples) b.Add(t, v);
        return b;
    }

    private static (long, double)[] Pairs(SampleBuffer b) => Enumerable.Range(0, b.Count).Select(i => (b.Timestamps[i], b.Values[i])).ToArray();

    private static List<AggregateChunkSamples> Load(DownsampledChunks chunks) =>
        Enumerable.Range(0, chunks.Count).Select(i =>
        {
            var s = new AggregateChunkSamples();
            Assert.Null(s.Load(chunks.Payload(i), chunks.Metas[i].MinTime, chunks.Metas[i].MaxTime));
            return s;
        }).ToList();

    private static (long, double)[] Counters(List<AggregateChunkSamples> chunks) =>
        chunks.SelectMany(c => Pairs(c.Samples(AggregateType.Counter))).ToArray();

    private static (long, double)[] Iterate(List<AggregateChunkSamples> chunks) =>
        Iterate(chunks.Select(c => c.Samples(AggregateType.Counter)).ToList());

    private static (long, double)[] Iterate(List<SampleBuffer> counters)
    {
        var it = new CounterResetIterator(counters);
        var result = new List<(long, double)>();
        while (it.Next())
        {
            result.Add((it.Timestamp, it.Total));
        }
        return result.ToArray();
    }
}
