using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>
/// The histogram (2) and float histogram (3) chunk codecs: varbit integers, the layout, round trips
/// of random histograms through Prometheus' head rules (changing spans, schemas, resets), and each
/// region of a chunk corrupted.
/// </summary>
public class HistogramChunkTests
{
    private const long Step = 15_000;

    private static List<(long T, NativeHistogram H)> Decode(byte[] chunk, byte encoding, out HistogramChunkLayout layout, out CounterResetHeader header)
    {
        var d = new HistogramChunkDecoder(chunk, encoding);
        var samples = new List<(long, NativeHistogram)>();
        while (d.Next())
        {
            samples.Add((d.Timestamp, d.Current()));
        }
        Assert.Null(d.Error);
        Assert.Equal(d.Count, d.Read);
        Assert.True(d.HasExactLength, $"chunk of {chunk.Length} bytes, samples end after {d.UsedBytes}");
        layout = d.Layout;
        header = d.Header;
        return samples;
    }

    private static string? DecodeError(byte[] chunk, byte encoding)
    {
        var d = new HistogramChunkDecoder(chunk, encoding);
        while (d.Next())
        {
        }
        return d.Error;
    }

    // Values from Prometheus' TestVarbitInt: the edges of every width.
    public static readonly long[] VarbitEdges =
    {
        long.MinValue, -36028797018963968, -36028797018963967, -16777216, -16777215, -131072, -131071,
        -2048, -2047, -256, -255, -32, -31, -4, -3, -1, 0, 1, 4, 5, 32, 33, 256, 257, 2048, 2049,
        131072, 131073, 16777216, 16777217, 36028797018963968, 36028797018963969, long.MaxValue,
    };

    [Fact]
    public void VarbitIntegersRoundTripAtEveryWidthEdge()
    {
        var w = new BitStreamWriter();
        w.Reset(0);
        foreach (var v in VarbitEdges)
        {
            Varbit.WriteInt(w, v);
        }
        var unsigned = VarbitEdges.Where(v => v >= 0).Select(v => (ulong)v).Concat(new[] { ulong.MaxValue, 7UL, 8UL, (1UL << 56) - 1, 1UL << 56 }).ToArray();
        foreach (var v in unsigned)
        {
            Varbit.WriteUint(w, v);
        }
        var r = new BitStreamReader(w.Bytes);
        foreach (var v in VarbitEdges)
        {
            Assert.Equal(v, Varbit.ReadInt(ref r));
        }
        foreach (var v in unsigned)
        {
            Assert.Equal(v, Varbit.ReadUint(ref r));
        }
        Assert.False(r.Exhausted);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-3, 5)]
    [InlineData(4, 5)]
    [InlineData(-4, 9)]
    [InlineData(5, 9)]
    [InlineData(256, 13)]
    [InlineData(2049, 24)]
    [InlineData(16777217, 64)]
    [InlineData(long.MaxValue, 72)]
    public void VarbitIntegersTakeTheirBucketsWidth(long value, int bits)
    {
        var w = new BitStreamWriter();
        w.Reset(0);
        Varbit.WriteInt(w, value);
        var r = new BitStreamReader(w.Bytes);
        Varbit.ReadInt(ref r);
        Assert.Equal(bits, r.BitPosition);
    }

    [Theory]
    [InlineData(0.0, new byte[] { 0x00 })]
    [InlineData(2.938735877055719e-39, new byte[] { 116 })] // 2^-128, Prometheus' default: one byte, 116
    [InlineData(1024.0, new byte[] { 254 })]
    [InlineData(0.001, new byte[] { 255, 0x3F, 0x50, 0x62, 0x4D, 0xD2, 0xF1, 0xA9, 0xFC })]
    public void TheZeroThresholdTakesOneByteWhenItIsAPowerOfTwo(double threshold, byte[] expected)
    {
        var w = new BitStreamWriter();
        w.Reset(0);
        new HistogramChunkLayout(0, threshold, Array.Empty<HistogramSpan>(), Array.Empty<HistogramSpan>()).Write(w);
        Assert.Equal(expected, w.Bytes[..expected.Length].ToArray());
        var r = new BitStreamReader(w.Bytes);
        var back = HistogramChunkLayout.Read(ref r, out var error);
        Assert.Null(error);
        Assert.Equal(threshold, back.ZeroThreshold);
    }

    [Fact]
    public void BucketBoundariesFollowPrometheusTable()
    {
        // Schema 3's bucket 4 ends at frac 0.7071067811865475 * 2^1 (Prometheus' table, not sqrt(2) rounded).
        Assert.Equal(1.414213562373095, BucketBoundaries.Upper(4, 3));
        Assert.Equal(1.0, BucketBoundaries.Upper(0, 3));
        Assert.Equal(16.0, BucketBoundaries.Upper(1, -2));
        Assert.Equal(double.MaxValue, BucketBoundaries.Upper(1024, 0));
        Assert.Equal(double.MaxValue, BucketBoundaries.Upper(256, -2));
        // Entries of Prometheus' own schema 1, 5 and 7 tables, which the schema 8 table must give.
        Assert.Equal(Math.ScaleB(0.7071067811865475, 1), BucketBoundaries.Upper(1, 1));
        Assert.Equal(Math.ScaleB(0.5109485743270583, 2), BucketBoundaries.Upper(33, 5));
        Assert.Equal(Math.ScaleB(0.5081891574554764, 0), BucketBoundaries.Upper(-125, 7));
        for (var schema = -4; schema <= 8; schema++)
        {
            // Every bucket ends where the next begins, and the boundaries grow by 2^(2^-schema).
            for (var k = -20; k < 20; k++)
            {
                Assert.Equal(Math.Pow(2, Math.Pow(2, -schema)), BucketBoundaries.Upper(k, schema) / BucketBoundaries.Lower(k, schema), 12);
            }
        }
    }

    /// <summary>Random histograms whose layout, schema and counts change as a real series' might.</summary>
    internal static List<(long T, NativeHistogram H)> RandomSeries(int seed, bool floatCounts, bool gauge, int samples)
    {
        var rnd = new Random(seed);
        var result = new List<(long, NativeHistogram)>();
        var schema = rnd.Next(-4, 9);
        var threshold = rnd.Next(3) == 0 ? 0.001 : NativeHistogram.DefaultZeroThreshold;
        var pos = new SortedDictionary<long, double>();
        var neg = new SortedDictionary<long, double>();
        double zero = 0, sum = 0;
        var t = 1_700_000_000_000L + rnd.Next(1000);
        for (var i = 0; i < samples; i++)
        {
            t += Step + (rnd.Next(10) == 0 ? rnd.Next(-5000, 50_000) : 0);
            if (rnd.Next(60) == 0)
            {
                schema = rnd.Next(-4, 9);
            }
            if (gauge || rnd.Next(80) == 0)
            {
                pos.Clear();
                neg.Clear();
                zero = 0;
                sum = 0;
            }
            foreach (var buckets in new[] { pos, neg })
            {
                var centre = rnd.Next(-20, 20);
                for (var k = 0; k < rnd.Next(0, 8); k++)
                {
                    var index = centre + rnd.Next(-6, 7);
                    var add = floatCounts ? Math.Round(rnd.NextDouble() * 50, rnd.Next(0, 4)) : rnd.Next(0, 40);
                    buckets[index] = buckets.GetValueOrDefault(index) + add;
                }
            }
            zero += rnd.Next(3);
            sum += rnd.NextDouble() * 100;
            result.Add((t, new NativeHistogram
            {
                Schema = schema,
                ZeroThreshold = threshold,
                ZeroCount = zero,
                Count = zero + pos.Values.Sum() + neg.Values.Sum(),
                Sum = gauge ? sum - 50 : sum,
                PositiveSpans = BucketLayout.FromIndices(pos.Keys.ToArray()),
                PositiveBuckets = pos.Values.ToArray(),
                NegativeSpans = BucketLayout.FromIndices(neg.Keys.ToArray()),
                NegativeBuckets = neg.Values.ToArray(),
            }));
        }
        return result;
    }

    private static Dictionary<long, double> ByIndex(HistogramSpan[] spans, double[] buckets) =>
        BucketLayout.Indices(spans).Zip(buckets).Where(p => p.Second != 0).ToDictionary(p => p.First, p => p.Second);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void RandomSeriesRoundTripThroughTheHeadRules(bool floatCounts, bool gauge)
    {
        for (var seed = 0; seed < 25; seed++)
        {
            var input = RandomSeries(seed, floatCounts, gauge, 400);
            var chunks = new List<(byte[] Bytes, long Min, long Max)>();
            var head = new HistogramHeadAppender(ChunkCutter.ThanosbenchChunkRange, floatCounts, gauge, c => chunks.Add((c.Bytes.ToArray(), c.MinTime, c.MaxTime)));
            foreach (var (t, h) in input)
            {
                head.Append(t, h);
            }
            head.Flush();
            var encoding = floatCounts ? HistogramChunkEncoder.FloatHistogramEncoding : HistogramChunkEncoder.HistogramEncoding;
            var output = new List<(long, NativeHistogram)>();
            NativeHistogram? previous = null;
            for (var c = 0; c < chunks.Count; c++)
            {
                var samples = Decode(chunks[c].Bytes, encoding, out var layout, out var header);
                Assert.True(samples.Count is > 0 and <= 240);
                Assert.Equal((chunks[c].Min, chunks[c].Max), (samples[0].T, samples[^1].T));
                var first = samples[0].H;
                if (gauge)
                {
                    Assert.Equal(CounterResetHeader.Gauge, header);
                }
                else if (c == 0)
                {
                    Assert.Equal(CounterResetHeader.Unknown, header);
                }
                else if (first.Count < previous!.Count)
                {
                    Assert.Equal(CounterResetHeader.CounterReset, header);
                }
                else if (header == CounterResetHeader.NotCounterReset)
                {
                    Assert.True(first.Schema == previous.Schema && first.ZeroCount >= previous.ZeroCount);
                }
                Assert.All(samples, s => Assert.Equal(layout.Schema, s.H.Schema));
                // Prometheus' iterator: a chunk's first sample is unknown, the rest are no reset; a gauge chunk's all gauge.
                Assert.Equal(
                    samples.Select((_, i) => gauge ? CounterResetHint.Gauge : i == 0 ? CounterResetHint.Unknown : CounterResetHint.NotCounterReset),
                    samples.Select(s => s.H.CounterResetHint));
                output.AddRange(samples);
                previous = samples[^1].H;
            }
            Assert.Equal(input.Count, output.Count);
            for (var i = 0; i < input.Count; i++)
            {
                var (t, want) = input[i];
                var (gotT, got) = output[i];
                Assert.Equal(t, gotT);
                Assert.Equal((want.Schema, want.ZeroThreshold, want.Count, want.ZeroCount, want.Sum), (got.Schema, got.ZeroThreshold, got.Count, got.ZeroCount, got.Sum));
                Assert.Equal(ByIndex(want.PositiveSpans, want.PositiveBuckets), ByIndex(got.PositiveSpans, got.PositiveBuckets));
                Assert.Equal(ByIndex(want.NegativeSpans, want.NegativeBuckets), ByIndex(got.NegativeSpans, got.NegativeBuckets));
            }
        }
    }

    [Fact]
    public void NewBucketsWidenTheOpenChunkAndADisappearingBucketCutsItAsAReset()
    {
        var chunks = new List<byte[]>();
        var head = new HistogramHeadAppender(ChunkCutter.ThanosbenchChunkRange, floatCounts: false, gauge: false, c => chunks.Add(c.Bytes.ToArray()));
        NativeHistogram H(double count, long[] indices, double[] buckets) => new()
        {
            Schema = 0, ZeroThreshold = NativeHistogram.DefaultZeroThreshold, Count = count, Sum = count,
            PositiveSpans = BucketLayout.FromIndices(indices), PositiveBuckets = buckets,
        };
        head.Append(1000, H(3, new long[] { 1, 2 }, new double[] { 1, 2 }));
        head.Append(2000, H(6, new long[] { 1, 2, 5 }, new double[] { 1, 3, 2 }));  // bucket 5 is new: recoded
        head.Append(3000, H(7, new long[] { 2, 5 }, new double[] { 5, 2 }));        // bucket 1 disappeared: cut
        head.Flush();
        Assert.Equal(2, chunks.Count);
        var first = Decode(chunks[0], 2, out var layout, out var header);
        Assert.Equal(CounterResetHeader.Unknown, header);
        Assert.Equal(new[] { new HistogramSpan(1, 2), new HistogramSpan(2, 1) }, layout.PositiveSpans);
        Assert.Equal(new double[] { 1, 2, 0 }, first[0].H.PositiveBuckets);
        Assert.Equal(new double[] { 1, 3, 2 }, first[1].H.PositiveBuckets);
        Decode(chunks[1], 2, out _, out header);
        Assert.Equal(CounterResetHeader.CounterReset, header);
    }

    private static byte[] OneChunk(bool floatCounts)
    {
        var encoder = new HistogramChunkEncoder(floatCounts);
        encoder.Reset(CounterResetHeader.NotCounterReset);
        foreach (var (t, h) in RandomSeries(7, floatCounts, gauge: true, 1).Concat(RandomSeries(8, floatCounts, gauge: true, 1)).Take(1))
        {
            for (var i = 0; i < 50; i++)
            {
                encoder.Append(t + i * Step, h.WithLayout(h.PositiveSpans, h.NegativeSpans));
            }
        }
        return encoder.Bytes.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EachRegionOfACorruptChunkIsReported(bool floatCounts)
    {
        var encoding = floatCounts ? HistogramChunkEncoder.FloatHistogramEncoding : HistogramChunkEncoder.HistogramEncoding;
        var good = OneChunk(floatCounts);
        Assert.Null(DecodeError(good, encoding));

        // The sample count: more samples than the stream holds.
        var count = (byte[])good.Clone();
        count[0] = 0x7F;
        Assert.Contains("ends inside sample", DecodeError(count, encoding));

        // The counter-reset byte: its six low bits are always zero.
        var flags = (byte[])good.Clone();
        flags[2] |= 0x01;
        Assert.Contains("counter-reset bits", DecodeError(flags, encoding));

        // The layout: a schema of 9 (varbit 0b10 then 9 needs 0b110 + 6 bits) is out of range.
        var w = new BitStreamWriter();
        w.Reset(HistogramChunkEncoder.HeaderBytes);
        w.Bytes[1] = 1;
        new HistogramChunkLayout(9, 0, Array.Empty<HistogramSpan>(), Array.Empty<HistogramSpan>()).Write(w);
        Varbit.WriteInt(w, 1000);
        w.WriteBits(0, 64 * 4);
        Assert.Contains("schema 9", DecodeError(w.Bytes.ToArray(), encoding));

        // The layout: a span count far beyond the chunk's bits.
        w.Reset(HistogramChunkEncoder.HeaderBytes);
        w.Bytes[1] = 1;
        w.WriteByte(0);
        Varbit.WriteInt(w, 0);
        Varbit.WriteUint(w, 1UL << 40);
        Assert.Contains("positive spans", DecodeError(w.Bytes.ToArray(), encoding));

        // The first sample: cut off inside it.
        Assert.Contains("sample 1", DecodeError(good[..12], encoding));

        // A later sample: cut off half-way through the stream.
        Assert.Contains("ends inside sample", DecodeError(good[..(good.Length / 2)], encoding));

        // A chunk too short for its header, and a chunk of another encoding.
        Assert.Contains("3-byte header", DecodeError(good[..2], encoding));
        Assert.Contains("not a histogram encoding", DecodeError(good, 1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomDamageNeverThrows(bool floatCounts)
    {
        var encoding = floatCounts ? HistogramChunkEncoder.FloatHistogramEncoding : HistogramChunkEncoder.HistogramEncoding;
        var good = OneChunk(floatCounts);
        var rnd = new Random(15);
        for (var i = 0; i < 3000; i++)
        {
            var bad = (byte[])good.Clone();
            for (var flips = rnd.Next(1, 4); flips > 0; flips--)
            {
                bad[rnd.Next(bad.Length)] = (byte)rnd.Next(256);
            }
            var d = new HistogramChunkDecoder(bad[..rnd.Next(bad.Length + 1)], encoding);
            while (d.Next())
            {
                Assert.Equal(BucketLayout.Count(d.Layout.PositiveSpans), d.PositiveBuckets.Length);
            }
        }
    }

    [Fact]
    public void AnIntegerChunkRefusesCountsThatAreNotWholeNumbers()
    {
        var encoder = new HistogramChunkEncoder(floatCounts: false);
        var e = Assert.Throws<ArgumentException>(() => encoder.Append(0, new NativeHistogram { Count = 1.5 }));
        Assert.Contains("1.5", e.Message);
    }
}
