using System.Buffers.Binary;
using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Tests.Downsampling;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>BlockVerifier decodes aggregate chunks: healthy downsampled blocks pass, each broken rule is named.</summary>
public sealed class AggregateChunkVerificationTests : IDisposable
{
    private const long R = DownsampleResolution.FiveMinutes;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Two days of a 15 s series with a counter reset, downsampled to 5m.</summary>
    private DownsampledBlock Downsampled()
    {
        var samples = Enumerable.Range(0, 2 * 24 * 240).Select(i => (1_700_000_000_000L + 15_000L * i, (double)(i % 1000))).ToArray();
        var raw = DownsampleSourceBlock.WriteRaw(_dir.Combine("raw"), samples.Chunk(120).ToArray());
        return new BlockDownsampler().Downsample(raw, R, _dir.Combine("5m"));
    }

    private static string[] Issues(string block) => BlockVerifier.Verify(block).Issues.Select(i => i.ToString()).ToArray();

    [Fact]
    public void ADownsampledBlockIsHealthyAndItsWindowsAreCounted()
    {
        var block = Downsampled();
        var result = BlockVerifier.Verify(block.Path);
        Assert.True(result.IsHealthy, string.Join("\n", result.Issues));
        Assert.Equal((long)block.Meta.Stats.NumSamples, result.SamplesChecked);
        Assert.Equal((long)block.Meta.Stats.NumChunks, result.ChunksChecked);
        var undecoded = BlockVerifier.Verify(block.Path, decodeSamples: false);
        Assert.True(undecoded.IsHealthy, string.Join("\n", undecoded.Issues));
        Assert.Equal(result.SamplesChecked, undecoded.SamplesChecked);
    }

    [Fact]
    public void AFlippedByteInAnAggregateChunkIsFound()
    {
        var block = Downsampled();
        var segment = Path.Combine(block.Path, "chunks", "000001");
        var bytes = File.ReadAllBytes(segment);
        bytes[40] ^= 0x10;
        File.WriteAllBytes(segment, bytes);
        Assert.Contains(Issues(block.Path), i => i.Contains("chunk CRC32C mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public void AConsistentlyRewrittenAggregateIsDecodedAndFound()
    {
        // Change a byte inside the first record and recompute its CRC: only decoding can tell.
        var block = Downsampled();
        var segment = Path.Combine(block.Path, "chunks", "000001");
        var bytes = File.ReadAllBytes(segment);
        var d = new DecodingBuffer(bytes.AsSpan(8));
        var length = (int)d.Uvarint();
        var at = 8 + d.Position;
        // The count sub-chunk's sample count (after the record's encoding byte, the entry's length and encoding byte).
        bytes[at + 1 + 2] ^= 0x40;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 1 + length), Crc32C.Compute(bytes.AsSpan(at, 1 + length)));
        File.WriteAllBytes(segment, bytes);
        Assert.Contains(Issues(block.Path), i => i.Contains("aggregate chunk 0: the count aggregate:", StringComparison.Ordinal));
    }

    private string WriteAggregates(Dictionary<AggregateType, (long, double)[]> chunk, long resolution = R) =>
        DownsampleSourceBlock.WriteAggregates(_dir.Combine(Guid.NewGuid().ToString("N")), resolution, new[] { chunk });

    private static Dictionary<AggregateType, (long, double)[]> Windows(double[] counts, double[] mins, double[] maxs, long[]? ends = null)
    {
        var t = ends ?? counts.Select((_, i) => 1_700_000_099_999L + R * i).ToArray();
        return new Dictionary<AggregateType, (long, double)[]>
        {
            [AggregateType.Count] = counts.Select((c, i) => (t[i], c)).ToArray(),
            [AggregateType.Sum] = counts.Select((c, i) => (t[i], c * 10)).ToArray(),
            [AggregateType.Min] = mins.Select((m, i) => (t[i], m)).ToArray(),
            [AggregateType.Max] = maxs.Select((m, i) => (t[i], m)).ToArray(),
        };
    }

    [Fact]
    public void ImpossibleAggregatesAreNamed()
    {
        var good = WriteAggregates(Windows(new[] { 20.0, 20 }, new[] { 1.0, 2 }, new[] { 5.0, 6 }));
        Assert.True(BlockVerifier.Verify(good).IsHealthy, string.Join("\n", Issues(good)));

        Assert.Contains(Issues(WriteAggregates(Windows(new[] { 20.0, -1 }, new[] { 1.0, 2 }, new[] { 5.0, 6 }))),
            i => i.Contains("has count -1; a count is never negative", StringComparison.Ordinal));
        Assert.Contains(Issues(WriteAggregates(Windows(new[] { 20.0, 20 }, new[] { 1.0, 7 }, new[] { 5.0, 6 }))),
            i => i.Contains("has min 7 above max 6", StringComparison.Ordinal));
        Assert.Contains(Issues(WriteAggregates(Windows(new[] { 20.0, 20 }, new[] { 1.0, 2 }, new[] { 5.0, 6 }, new[] { 1_700_000_000_000L, 1_700_000_099_999L }))),
            i => i.Contains("does not end a 300000 ms window", StringComparison.Ordinal));
        Assert.Contains(Issues(WriteAggregates(Windows(new[] { 20.0, 20 }, new[] { 1.0, 2 }, new[] { 5.0, 6 }), resolution: DownsampleResolution.OneHour)),
            i => i.Contains("does not end a 3600000 ms window", StringComparison.Ordinal));
        Assert.Contains(Issues(WriteAggregates(Windows(new[] { 20.0, 20 }, new[] { 1.0, 2 }, new[] { 5.0, 6 }), resolution: 0)),
            i => i.Contains("raw blocks hold no aggregate chunks", StringComparison.Ordinal));

        var unordered = Windows(new[] { 20.0, 20 }, new[] { 1.0, 2 }, new[] { 5.0, 6 });
        unordered[AggregateType.Sum] = new[] { (1_700_000_399_999L, 1.0), (1_700_000_099_999L, 2.0) };
        var issues = Issues(WriteAggregates(unordered));
        Assert.Contains(issues, i => i.Contains("the sum aggregate's timestamps do not increase", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Contains("the sum aggregate has 2 windows that differ from the count aggregate's 2", StringComparison.Ordinal));
    }

    private static NativeHistogram Histogram(double scale) => new()
    {
        Schema = 0,
        ZeroThreshold = NativeHistogram.DefaultZeroThreshold,
        Count = 6 * scale,
        ZeroCount = scale,
        Sum = 18.4 * scale,
        PositiveSpans = new[] { new HistogramSpan(0, 2), new HistogramSpan(1, 1) },
        PositiveBuckets = new[] { 2 * scale, scale, 2 * scale },
    };

    private string WriteHistogramAggregates(long[] sumTimes, long[]? counterTimes = null)
    {
        var ends = new[] { 1_700_000_099_999L, 1_700_000_399_999L, 1_700_000_699_999L };
        return DownsampleSourceBlock.WriteHistogramAggregates(_dir.Combine(Guid.NewGuid().ToString("N")), R,
            ends.Select(t => (t, 10.0)).ToArray(),
            sumTimes.Select((t, i) => (t, Histogram(10 + i))).ToArray(),
            (counterTimes ?? ends).Select((t, i) => (t, Histogram(10 * (i + 1)))).ToArray());
    }

    [Fact]
    public void ANativeHistogramSeriesFloatHistogramSumAndCounterAreDecoded()
    {
        var ends = new[] { 1_700_000_099_999L, 1_700_000_399_999L, 1_700_000_699_999L };
        var healthy = WriteHistogramAggregates(ends);
        var result = BlockVerifier.Verify(healthy);
        Assert.True(result.IsHealthy, string.Join("\n", result.Issues));
        Assert.Equal(3, result.SamplesChecked);
        Assert.Equal(1, result.ChunksChecked);

        var unordered = Issues(WriteHistogramAggregates(new[] { ends[0], ends[2], ends[1] }));
        Assert.Contains(unordered, i => i.Contains("the sum aggregate's timestamps do not increase at sample 3", StringComparison.Ordinal));
        Assert.Contains(unordered, i => i.Contains("the sum aggregate has 3 windows that differ from the count aggregate's 3", StringComparison.Ordinal));

        Assert.Contains(Issues(WriteHistogramAggregates(ends, ends[..2])),
            i => i.Contains($"the counter runs from {ends[0]} to {ends[1]}", StringComparison.Ordinal));
    }

    [Fact]
    public void ABrokenFloatHistogramAggregateIsNamed()
    {
        var ends = new[] { 1_700_000_099_999L, 1_700_000_399_999L, 1_700_000_699_999L };
        var block = WriteHistogramAggregates(ends);
        var segment = Path.Combine(block, "chunks", "000001");
        var bytes = File.ReadAllBytes(segment);
        var d = new DecodingBuffer(bytes.AsSpan(8));
        var length = (int)d.Uvarint();
        var at = 8 + d.Position;
        var entries = new DecodingBuffer(bytes.AsSpan(at + 1));
        entries.Skip((int)entries.Uvarint() + 1);
        entries.Uvarint();
        // The sum sub-chunk's header announces far more samples than its bytes hold.
        var sumStart = at + 1 + entries.Position + 1;
        Assert.Equal(HistogramChunkEncoder.FloatHistogramEncoding, bytes[sumStart - 1]);
        Assert.Equal(3, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(sumStart)));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(sumStart), 200);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 1 + length), Crc32C.Compute(bytes.AsSpan(at, 1 + length)));
        File.WriteAllBytes(segment, bytes);
        var result = BlockVerifier.Verify(block);
        Assert.Contains(result.Issues, i => i.ToString().Contains("aggregate chunk 0: the sum aggregate: the bit stream ends inside sample", StringComparison.Ordinal));
    }

    [Fact]
    public void TheEncoderPutsHistogramsOnlyIntoAFloatFreeSumOrCounter()
    {
        var encoder = new AggregateChunkEncoder();
        Assert.Throws<ArgumentException>(() => encoder.AppendHistogram(AggregateType.Count, 0, Histogram(1), CounterResetHeader.Unknown));
        encoder.Append(AggregateType.Sum, 0, 1);
        Assert.Throws<InvalidOperationException>(() => encoder.AppendHistogram(AggregateType.Sum, 0, Histogram(1), CounterResetHeader.Gauge));
    }
}
