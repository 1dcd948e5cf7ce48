using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;
using Xunit;

namespace ThanosLab.Tests.Downsampling;

/// <summary>
/// AggregateChunkSamples on hand-built aggregate chunks: float series' XOR aggregates, a native-histogram
/// series' histogram sum and counter (float or integer counts) with their hints, and corrupt sub-chunks.
/// </summary>
public sealed class AggregateChunkSamplesTests
{
    /// <summary>The ends of three 5m windows, shared by the tests of what reads histogram windows.</summary>
    internal static readonly long[] Ends = { 1_700_000_099_999L, 1_700_000_399_999L, 1_700_000_699_999L };

    /// <summary>A histogram of one fixed layout (schema 1, buckets 0, 1 and 3 positive, -2 negative) scaled by <paramref name="scale"/>.</summary>
    internal static NativeHistogram Histogram(double scale, double zeroThreshold = 0.001) => new()
    {
        Schema = 1,
        ZeroThreshold = zeroThreshold,
        Count = 7 * scale,
        ZeroCount = scale,
        Sum = 18.25 * scale,
        PositiveSpans = new[] { new HistogramSpan(0, 2), new HistogramSpan(1, 1) },
        PositiveBuckets = new[] { 2 * scale, scale, 2 * scale },
        NegativeSpans = new[] { new HistogramSpan(-2, 1) },
        NegativeBuckets = new[] { scale },
    };

    /// <summary>
    /// What Thanos &gt;= 0.38 writes for the three windows: count XOR (10, 11, 12 unless given), sum a gauge
    /// and counter a counter float histogram chunk.
    /// </summary>
    internal static byte[] HistogramChunk(Func<int, NativeHistogram> sum, Func<int, NativeHistogram> counter, Func<int, double>? count = null)
    {
        var encoder = new AggregateChunkEncoder();
        for (var i = 0; i < Ends.Length; i++)
        {
            encoder.Append(AggregateType.Count, Ends[i], count?.Invoke(i) ?? 10 + i);
            encoder.AppendHistogram(AggregateType.Sum, Ends[i], sum(i), CounterResetHeader.Gauge);
            encoder.AppendHistogram(AggregateType.Counter, Ends[i], counter(i), CounterResetHeader.Unknown);
        }
        var buffer = new EncodingBuffer();
        encoder.WriteTo(buffer);
        return buffer.Span.ToArray();
    }

    /// <summary>An aggregate chunk of the given entries (encoding byte and sub-chunk; null or left out = absent), laid out as the encoder does.</summary>
    private static byte[] Entries(params (byte Encoding, byte[] SubChunk)?[] entries)
    {
        var buffer = new EncodingBuffer();
        for (var i = 0; i < AggregateChunkEncoder.Aggregates; i++)
        {
            if (i >= entries.Length || entries[i] is not { } e)
            {
                buffer.PutUvarint(0);
                continue;
            }
            buffer.PutUvarint((ulong)e.SubChunk.Length);
            buffer.PutByte(e.Encoding);
            buffer.PutBytes(e.SubChunk);
        }
        return buffer.Span.ToArray();
    }

    private static byte[] Xor(params (long T, double V)[] samples)
    {
        var encoder = new XorChunkEncoder();
        foreach (var (t, v) in samples)
        {
            encoder.Append(t, v);
        }
        return encoder.Bytes.ToArray();
    }

    private static byte[] Histograms(bool floatCounts, CounterResetHeader header, params (long T, NativeHistogram H)[] samples)
    {
        var encoder = new HistogramChunkEncoder(floatCounts);
        encoder.Reset(header);
        foreach (var (t, h) in samples)
        {
            encoder.Append(t, h);
        }
        return encoder.Bytes.ToArray();
    }

    internal static void AssertSameHistogram(NativeHistogram want, NativeHistogram got)
    {
        Assert.Equal(want.Schema, got.Schema);
        Assert.Equal(want.ZeroThreshold, got.ZeroThreshold);
        Assert.Equal(want.Count, got.Count);
        Assert.Equal(want.ZeroCount, got.ZeroCount);
        Assert.Equal(want.Sum, got.Sum);
        Assert.Equal(want.PositiveSpans, got.PositiveSpans);
        Assert.Equal(want.PositiveBuckets, got.PositiveBuckets);
        Assert.Equal(want.NegativeSpans, got.NegativeSpans);
        Assert.Equal(want.NegativeBuckets, got.NegativeBuckets);
    }

    [Fact]
    public void AHistogramSeriesSumAndCounterAreDecodedWithTheirTimestampsAndHints()
    {
        var samples = new AggregateChunkSamples();
        Assert.Null(samples.Load(HistogramChunk(i => Histogram(1.5 + i), i => Histogram(10 * (i + 1))), Ends[0], Ends[^1]));

        Assert.True(samples.IsHistogram);
        Assert.Equal(3, samples.WindowCount);
        Assert.Equal(new[] { 10.0, 11, 12 }, samples.Samples(AggregateType.Count).Values.ToArray());
        Assert.Empty(samples.Histograms(AggregateType.Count));
        Assert.False(samples.IsPresent(AggregateType.Min));
        Assert.False(samples.IsPresent(AggregateType.Max));
        foreach (var type in new[] { AggregateType.Sum, AggregateType.Counter })
        {
            Assert.True(samples.IsPresent(type));
            Assert.Equal(0, samples.Samples(type).Count);
            Assert.Equal(Ends, samples.Histograms(type).Select(h => h.Timestamp));
        }
        for (var i = 0; i < Ends.Length; i++)
        {
            AssertSameHistogram(Histogram(1.5 + i), samples.Histograms(AggregateType.Sum)[i].Histogram);
            AssertSameHistogram(Histogram(10 * (i + 1)), samples.Histograms(AggregateType.Counter)[i].Histogram);
        }
        // The sum chunk is a gauge; the counter chunk's first sample may follow a reset, its later ones do not.
        Assert.All(samples.Histograms(AggregateType.Sum), h => Assert.Equal(CounterResetHint.Gauge, h.Histogram.CounterResetHint));
        Assert.Equal(new[] { CounterResetHint.Unknown, CounterResetHint.NotCounterReset, CounterResetHint.NotCounterReset },
            samples.Histograms(AggregateType.Counter).Select(h => h.Histogram.CounterResetHint));
    }

    [Fact]
    public void IntegerHistogramAggregatesAreDecodedToo()
    {
        var payload = Entries(
            (XorChunkEncoder.Encoding, Xor((Ends[0], 4), (Ends[1], 4))),
            (HistogramChunkEncoder.HistogramEncoding, Histograms(false, CounterResetHeader.Gauge, (Ends[0], Histogram(2)), (Ends[1], Histogram(4)))),
            null,
            null,
            (HistogramChunkEncoder.HistogramEncoding, Histograms(false, CounterResetHeader.Unknown, (Ends[0], Histogram(2)), (Ends[1], Histogram(6)))));
        var samples = new AggregateChunkSamples();
        Assert.Null(samples.Load(payload, Ends[0], Ends[1]));
        Assert.True(samples.IsHistogram);
        AssertSameHistogram(Histogram(4), samples.Histograms(AggregateType.Sum)[1].Histogram);
        AssertSameHistogram(Histogram(6), samples.Histograms(AggregateType.Counter)[1].Histogram);
        Assert.Equal(Ends[1], samples.Histograms(AggregateType.Counter)[1].Timestamp);
    }

    [Fact]
    public void IsHistogramFollowsTheCounterAggregateAsThanosDoes()
    {
        var samples = new AggregateChunkSamples();
        // A histogram sum without a counter: Thanos' isHistogramAggrChunk looks at the counter only.
        var sumOnly = Entries(
            (XorChunkEncoder.Encoding, Xor((Ends[0], 4))),
            (HistogramChunkEncoder.FloatHistogramEncoding, Histograms(true, CounterResetHeader.Gauge, (Ends[0], Histogram(2)))),
            null, null, null);
        Assert.Null(samples.Load(sumOnly, Ends[0], Ends[0]));
        Assert.False(samples.IsHistogram);
        Assert.Single(samples.Histograms(AggregateType.Sum));

        var floats = Entries(
            (XorChunkEncoder.Encoding, Xor((Ends[0], 4))),
            (XorChunkEncoder.Encoding, Xor((Ends[0], 40))),
            null, null,
            (XorChunkEncoder.Encoding, Xor((Ends[0] - 1000, 1), (Ends[0], 5), (Ends[0], 5))));
        Assert.Null(samples.Load(floats, Ends[0], Ends[0]));
        Assert.False(samples.IsHistogram);
        Assert.Equal(3, samples.Samples(AggregateType.Counter).Count);
        // Reused: the histograms of the chunk before are gone.
        Assert.All(Enum.GetValues<AggregateType>(), type => Assert.Empty(samples.Histograms(type)));

        Assert.Null(samples.Load(HistogramChunk(i => Histogram(1), i => Histogram(1)), Ends[0], Ends[^1]));
        Assert.True(samples.IsHistogram);
        Assert.Equal(0, samples.Samples(AggregateType.Sum).Count);
    }

    [Fact]
    public void AFloatChunkLoadsWithoutAllocating()
    {
        // 5m -> 1h loads every chunk of a block into one reused instance: nothing may be allocated per chunk.
        var payload = Entries(
            (XorChunkEncoder.Encoding, Xor((Ends[0], 4), (Ends[1], 4))),
            (XorChunkEncoder.Encoding, Xor((Ends[0], 40), (Ends[1], 41))),
            (XorChunkEncoder.Encoding, Xor((Ends[0], 1), (Ends[1], 2))),
            (XorChunkEncoder.Encoding, Xor((Ends[0], 9), (Ends[1], 9))),
            (XorChunkEncoder.Encoding, Xor((Ends[0] - 1000, 1), (Ends[0], 5), (Ends[1], 7), (Ends[1], 7))));
        var samples = new AggregateChunkSamples();
        Assert.Null(samples.Load(payload, Ends[0], Ends[1]));
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            samples.Load(payload, Ends[0], Ends[1]);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(4, samples.Samples(AggregateType.Counter).Count);
    }

    [Fact]
    public void ACorruptHistogramSubChunkIsNamedLikeACorruptXorOne()
    {
        var counter = Histograms(true, CounterResetHeader.Unknown, (Ends[0], Histogram(2)), (Ends[1], Histogram(3)));
        // Its header announces 200 samples, its stream holds 2.
        var truncated = (byte[])counter.Clone();
        truncated[0] = 0;
        truncated[1] = 200;
        var samples = new AggregateChunkSamples();
        var problem = samples.Load(Entries((XorChunkEncoder.Encoding, Xor((Ends[0], 4), (Ends[1], 4))), null, null, null,
            (HistogramChunkEncoder.FloatHistogramEncoding, truncated)), Ends[0], Ends[1]);
        Assert.Equal("the counter aggregate: the bit stream ends inside sample 3 of the 200 its header announces", problem);

        problem = samples.Load(Entries((XorChunkEncoder.Encoding, Xor((Ends[0], 4))), (HistogramChunkEncoder.FloatHistogramEncoding, counter[..2]), null, null, null), Ends[0], Ends[1]);
        Assert.Equal("the sum aggregate: the chunk is 2 bytes, shorter than its 3-byte header", problem);

        var xorProblem = samples.Load(Entries((XorChunkEncoder.Encoding, Xor((Ends[0], 4))[..1])), Ends[0], Ends[0]);
        Assert.StartsWith("the count aggregate: ", xorProblem);
    }

    [Fact]
    public void AnEncodingAnAggregateCannotHaveIsNamedWithTheAcceptedOnes()
    {
        var samples = new AggregateChunkSamples();
        var histogram = Histograms(true, CounterResetHeader.Gauge, (Ends[0], Histogram(2)));
        Assert.Equal("the count aggregate has encoding 3; it must be XOR (1)",
            samples.Load(Entries((HistogramChunkEncoder.FloatHistogramEncoding, histogram)), Ends[0], Ends[0]));
        Assert.Equal("the max aggregate has encoding 2; it must be XOR (1)",
            samples.Load(Entries((XorChunkEncoder.Encoding, Xor((Ends[0], 4))), null, null, (HistogramChunkEncoder.HistogramEncoding, histogram)), Ends[0], Ends[0]));
        Assert.Equal("the sum aggregate has encoding 7; it must be XOR (1), histogram (2) or float histogram (3)",
            samples.Load(Entries((XorChunkEncoder.Encoding, Xor((Ends[0], 4))), (7, histogram)), Ends[0], Ends[0]));
    }
}
