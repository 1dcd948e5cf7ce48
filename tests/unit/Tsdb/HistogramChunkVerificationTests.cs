using System.Buffers.Binary;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Tests.Downsampling;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>BlockVerifier decodes native-histogram chunks: generated blocks are healthy, each broken rule is named.</summary>
public sealed class HistogramChunkVerificationTests : IDisposable
{
    private const long Start = 1_700_000_000_000L;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A day of both histogram types (two series each) in one block.</summary>
    public static BlockSpec DaySpec(long hours = 24)
    {
        var c = SeriesCharacteristics.ProfileDefault;
        var end = Start + hours * 3_600_000;
        SeriesSpec Spec(string name, SeriesType type) =>
            new(LabelSet.Create(new[] { new Label("__name__", name) }), 2, type, Start, end, c, HistogramShape.Default);
        return new BlockSpec(Start, end, LabelSet.Create(new[] { new Label("cluster", "h") }),
            new[] { Spec("request_duration_seconds", SeriesType.Histogram), Spec("queue_wait_seconds", SeriesType.FloatHistogram) });
    }

    private static string[] Issues(string block) => BlockVerifier.Verify(block).Issues.Select(i => i.ToString()).ToArray();

    [Fact]
    public void AGeneratedHistogramBlockIsHealthyAndEverySampleIsDecoded()
    {
        var block = BlockGenerator.Generate(DaySpec(), _dir.Path);
        var result = BlockVerifier.Verify(block.Path);
        Assert.True(result.IsHealthy, string.Join("\n", result.Issues));
        Assert.Equal((long)block.Meta.Stats.NumSamples, result.SamplesChecked);
        Assert.Equal(4 * (24 * 240 + 1), result.SamplesChecked);
        Assert.Equal((long)block.Meta.Stats.NumChunks, result.ChunksChecked);
        var undecoded = BlockVerifier.Verify(block.Path, decodeSamples: false);
        Assert.True(undecoded.IsHealthy, string.Join("\n", undecoded.Issues));
        Assert.Equal(result.SamplesChecked, undecoded.SamplesChecked);
    }

    [Fact]
    public void AFlippedByteInAHistogramChunkIsFound()
    {
        var block = BlockGenerator.Generate(DaySpec(2), _dir.Path);
        var segment = Path.Combine(block.Path, "chunks", "000001");
        var bytes = File.ReadAllBytes(segment);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(segment, bytes);
        Assert.Contains(Issues(block.Path), i => i.Contains("chunk CRC32C mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public void AConsistentlyRewrittenHistogramChunkIsDecodedAndFound()
    {
        // Raise the first chunk's sample count and recompute its CRC: only decoding can tell.
        var block = BlockGenerator.Generate(DaySpec(2), _dir.Path);
        var segment = Path.Combine(block.Path, "chunks", "000001");
        var bytes = File.ReadAllBytes(segment);
        var d = new DecodingBuffer(bytes.AsSpan(8));
        var length = (int)d.Uvarint();
        var at = 8 + d.Position;
        Assert.Equal(HistogramChunkEncoder.FloatHistogramEncoding, bytes[at]);
        bytes[at + 1] = 0x7F;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 1 + length), Crc32C.Compute(bytes.AsSpan(at, 1 + length)));
        File.WriteAllBytes(segment, bytes);
        Assert.Contains(Issues(block.Path), i => i.Contains("histogram chunk 0: the bit stream ends inside sample", StringComparison.Ordinal));
    }

    [Fact]
    public void DamagedHistogramChunksWithValidCrcsNeverThrowOutOfTheReaders()
    {
        var block = BlockGenerator.Generate(DaySpec(2), _dir.Path);
        var segment = Path.Combine(block.Path, "chunks", "000001");
        var good = File.ReadAllBytes(segment);
        var d = new DecodingBuffer(good.AsSpan(8));
        var length = (int)d.Uvarint();
        var at = 8 + d.Position;
        var rnd = new Random(15);
        var found = 0;
        for (var i = 0; i < 150; i++)
        {
            var bytes = (byte[])good.Clone();
            bytes[at + 1 + rnd.Next(length)] = (byte)rnd.Next(256);
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at + 1 + length), Crc32C.Compute(bytes.AsSpan(at, 1 + length)));
            File.WriteAllBytes(segment, bytes);
            found += BlockVerifier.Verify(block.Path).IsHealthy ? 0 : 1;
            try
            {
                using var reader = BlockReader.Open(block.Path);
                _ = ThanosLab.Engine.Series.BlockSeriesReader.Read(reader, ThanosLab.Engine.Series.SeriesSelectorParser.Parse("{__name__=~\".+\"}"), long.MinValue, long.MaxValue).ToArray();
            }
            catch (ThanosLab.Engine.ThanosLabException)
            {
            }
        }
        // A changed count, window or varbit prefix breaks the stream or the rules; a changed float
        // value in a gauge's XOR payload is still a valid histogram, which only the CRC can tell.
        Assert.True(found >= 30, $"{found} of 150 damaged chunks found");
    }

    private static NativeHistogram H(double zero, params double[] buckets) => new()
    {
        Schema = 1,
        ZeroThreshold = NativeHistogram.DefaultZeroThreshold,
        ZeroCount = zero,
        Count = zero + buckets.Sum(),
        Sum = 10,
        PositiveSpans = new[] { new HistogramSpan(-1, (uint)buckets.Length) },
        PositiveBuckets = buckets,
    };

    private string Write(bool floatCounts, params (CounterResetHeader, (long, NativeHistogram)[])[] chunks) =>
        DownsampleSourceBlock.WriteHistograms(_dir.Combine(Guid.NewGuid().ToString("N")), floatCounts, chunks);

    [Fact]
    public void ACounterGoingDownInsideAChunkIsFound()
    {
        var block = Write(false, (CounterResetHeader.Unknown, new[] { (Start, H(1, 2, 3)), (Start + 15_000, H(1, 4, 1)) }));
        Assert.Contains(Issues(block), i => i.Contains("histogram chunk 0: at 1700000015000 the positive bucket 0 goes down from 3 to 1 without a counter reset", StringComparison.Ordinal));
    }

    [Fact]
    public void AResetChunkWithoutTheResetHeaderIsFoundAndWithItIsHealthy()
    {
        var before = (CounterResetHeader.Unknown, new[] { (Start, H(5, 2, 3)) });
        var unflagged = Write(false, before, (CounterResetHeader.NotCounterReset, new[] { (Start + 15_000, H(1, 2, 3)) }));
        Assert.Contains(Issues(unflagged), i => i.Contains("histogram chunk 1: the chunk starts at 1700000015000 with a counter reset (the count goes down from 10 to 6), but its header says NotCounterReset", StringComparison.Ordinal));
        var flagged = Write(false, before, (CounterResetHeader.CounterReset, new[] { (Start + 15_000, H(1, 2, 3)) }));
        Assert.Empty(Issues(flagged));
        // A gauge histogram goes up and down as it likes.
        var gauge = Write(true, (CounterResetHeader.Gauge, new[] { (Start, H(5, 2, 3)), (Start + 15_000, H(0.5, 0.25, 3)) }));
        Assert.Empty(Issues(gauge));
    }

    [Fact]
    public void NegativeCountsAndACountBelowItsBucketsAreFound()
    {
        var negative = Write(true, (CounterResetHeader.Gauge, new[] { (Start, H(1, -2, 3)) }));
        Assert.Contains(Issues(negative), i => i.Contains("histogram chunk 0: the sample at 1700000000000 has a negative count", StringComparison.Ordinal));
        var low = Write(true, (CounterResetHeader.Gauge, new[] { (Start, new NativeHistogram { Count = 2, ZeroCount = 1, PositiveSpans = new[] { new HistogramSpan(0, 1) }, PositiveBuckets = new[] { 4.0 } }) }));
        Assert.Contains(Issues(low), i => i.Contains("has count 2, less than the 5 observations", StringComparison.Ordinal));
    }
}
