using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>Thanos' aggregate chunk (encoding 0xFF): layout, round trips, absent aggregates, corrupt input.</summary>
public class AggregateChunkTests
{
    private static readonly AggregateType[] All = Enum.GetValues<AggregateType>();

    private static (long T, double V)[] Read(AggregateChunkDecoder d, AggregateType type)
    {
        var (result, samples) = XorChunkDecoderTests.Decode(d.SubChunk(type).ToArray());
        Assert.Null(result.Error);
        return samples.Select(s => (s.T, BitConverter.UInt64BitsToDouble(s.Bits))).ToArray();
    }

    private static byte[] Encode(AggregateChunkEncoder e)
    {
        var buffer = new EncodingBuffer();
        e.WriteTo(buffer);
        return buffer.Span.ToArray();
    }

    [Fact]
    public void EveryAggregateRoundTrips()
    {
        var e = new AggregateChunkEncoder();
        var expected = new Dictionary<AggregateType, (long, double)[]>();
        foreach (var type in All)
        {
            var samples = Enumerable.Range(0, 140).Select(i => (299_999L + 300_000L * i, (int)type * 1000.5 + i * 0.25 - 7)).ToArray();
            foreach (var (t, v) in samples)
            {
                e.Append(type, t, v);
            }
            expected[type] = samples;
        }
        var d = new AggregateChunkDecoder(Encode(e));
        Assert.Null(d.Error);
        Assert.Equal(0, d.TrailingBytes);
        Assert.Equal(140, d.WindowCount);
        foreach (var type in All)
        {
            Assert.True(d.IsPresent(type));
            Assert.Equal(XorChunkEncoder.Encoding, d.EncodingOf(type));
            Assert.Equal(expected[type], Read(d, type));
        }
    }

    [Fact]
    public void LayoutIsLengthEncodingAndXorBytesPerEntry()
    {
        var e = new AggregateChunkEncoder();
        e.Append(AggregateType.Count, 1000, 1);
        e.Append(AggregateType.Max, 1000, 1);
        var bytes = Encode(e);
        // The one-sample XOR chunk of formats.md §5.1 (13 bytes), absent sum, min and counter.
        const string oneSample = "0001D00F3FF0" + "00000000000000";
        Assert.Equal("0D01" + oneSample + "00" + "00" + "0D01" + oneSample + "00", Convert.ToHexString(bytes));
    }

    [Fact]
    public void AbsentAggregatesAreSingleZeroLengths()
    {
        var e = new AggregateChunkEncoder();
        e.Append(AggregateType.Counter, 5, 2.5);
        e.MarkPresent(AggregateType.Sum);
        var d = new AggregateChunkDecoder(Encode(e));
        Assert.Null(d.Error);
        Assert.False(d.IsPresent(AggregateType.Count));
        Assert.False(d.IsPresent(AggregateType.Min));
        Assert.False(d.IsPresent(AggregateType.Max));
        Assert.Equal(0, d.WindowCount);
        Assert.Equal(0, d.SubChunk(AggregateType.Count).Length);
        Assert.True(d.IsPresent(AggregateType.Sum));
        Assert.Empty(Read(d, AggregateType.Sum));
        Assert.Equal(new[] { (5L, 2.5) }, Read(d, AggregateType.Counter));

        var none = new AggregateChunkDecoder(new byte[] { 0, 0, 0, 0, 0 });
        Assert.Null(none.Error);
        foreach (var type in All)
        {
            Assert.False(none.IsPresent(type));
        }
    }

    [Fact]
    public void EncoderResetStartsAnEmptyChunk()
    {
        var e = new AggregateChunkEncoder();
        e.Append(AggregateType.Count, 1, 1);
        e.Reset();
        Assert.False(e.IsPresent(AggregateType.Count));
        Assert.Equal("0000000000", Convert.ToHexString(Encode(e)));
    }

    [Fact]
    public void CorruptLayoutsAreReportedNotThrown()
    {
        var e = new AggregateChunkEncoder();
        foreach (var type in All)
        {
            e.Append(type, 100, 1);
        }
        var good = Encode(e);

        var truncated = new AggregateChunkDecoder(good.AsSpan(0, good.Length - 3));
        Assert.Contains("the counter entry announces 13 bytes", truncated.Error);
        Assert.True(truncated.IsPresent(AggregateType.Max));
        Assert.False(truncated.IsPresent(AggregateType.Counter));

        var missingEntries = new AggregateChunkDecoder(good.AsSpan(0, 15));
        Assert.Contains("the sum entry", missingEntries.Error);
        Assert.Contains("past the end", missingEntries.Error);

        var overflow = new AggregateChunkDecoder(Convert.FromHexString("FFFFFFFFFFFFFFFFFF02"));
        Assert.Contains("the count entry", overflow.Error);

        var huge = new AggregateChunkDecoder(Convert.FromHexString("FFFFFFFF0F01"));
        Assert.Contains("the count entry", huge.Error);

        var empty = new AggregateChunkDecoder(ReadOnlySpan<byte>.Empty);
        Assert.NotNull(empty.Error);

        var trailing = new AggregateChunkDecoder(good.Concat(new byte[] { 7, 7 }).ToArray());
        Assert.Null(trailing.Error);
        Assert.Equal(2, trailing.TrailingBytes);

        // A flipped bit inside a sub-chunk leaves the layout intact; its decoder reports the damage.
        var flipped = good.ToArray();
        flipped[2] ^= 0xFF;
        var d = new AggregateChunkDecoder(flipped);
        Assert.Null(d.Error);
        Assert.NotNull(XorChunkDecoderTests.Decode(d.SubChunk(AggregateType.Count).ToArray()).Result.Error);
    }
}
