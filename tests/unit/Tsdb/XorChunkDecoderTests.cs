using ThanosLab.Engine.Tsdb.Chunkenc;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>
/// The whole-chunk XOR decoder against what <see cref="XorChunkEncoder"/> was given: random chunks of
/// every kind of value and timestamp step round-trip bit for bit, and a truncated chunk gives back
/// exactly the samples that fit, with the error naming the first that does not; whether the timestamps
/// increase is told for exactly the samples decoded.
/// </summary>
public class XorChunkDecoderTests
{
    private const ulong StaleMarkerBits = 0x7ff0000000000002;

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(120, 4)]
    [InlineData(121, 5)]
    [InlineData(240, 6)]
    [InlineData(1000, 7)]
    [InlineData(XorChunkEncoder.MaxSamples, 8)]
    // Mostly runs of samples that repeat the value at the same interval, as in real series.
    [InlineData(3, 9, 95)]
    [InlineData(120, 10, 95)]
    [InlineData(1000, 11, 90)]
    [InlineData(1000, 12, 99)]
    [InlineData(XorChunkEncoder.MaxSamples, 13, 97)]
    public void RandomChunksRoundTripBitForBit(int count, int seed, int repeatPercent = 0)
    {
        for (var round = 0; round < 20; round++)
        {
            var (chunk, samples) = RandomChunk(new Random(seed * 1000 + round), count, repeatPercent);
            var (result, decoded) = Decode(chunk);
            Assert.Null(result.Error);
            Assert.Equal(count, result.Count);
            Assert.Equal(count, result.Decoded);
            Assert.Equal(samples, decoded);
            Assert.Equal(Increase(decoded), result.TimestampsIncrease);
            Assert.True(result.HasExactLength, $"{chunk.Length} bytes, {result.UsedBytes} used");
            Assert.False(Decode(chunk.Concat(new byte[] { 0, 0 }).ToArray()).Result.HasExactLength);
            if (count == XorChunkEncoder.MaxSamples)
            {
                break;
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(130)]
    [InlineData(130, 95)]
    [InlineData(400, 99)]
    public void TruncatedChunkGivesTheSamplesThatFitAndNamesTheFirstThatDoesNot(int count, int repeatPercent = 0)
    {
        for (var seed = 0; seed < 6; seed++)
        {
            var (chunk, samples) = RandomChunk(new Random(seed), count, repeatPercent);
            // The encoder's length after each sample bounds where that sample's bits end: inside its
            // last byte, or one byte earlier when the encoder left its spare zero byte.
            var lengths = PrefixLengths(samples);
            var lastDecoded = 0;
            for (var length = 0; length < chunk.Length; length++)
            {
                var (result, decoded) = Decode(chunk[..length]);
                if (length < 2)
                {
                    Assert.Equal($"the chunk is {length} bytes, shorter than its 2-byte sample count", result.Error);
                    Assert.Equal(0, result.Decoded);
                    continue;
                }
                var n = result.Decoded;
                Assert.Equal(samples.Take(n), decoded);
                Assert.Equal(Increase(decoded), result.TimestampsIncrease);
                Assert.True(n >= lastDecoded, $"{length} bytes decode {n} samples, {length - 1} decoded {lastDecoded}");
                lastDecoded = n;
                if (n == count)
                {
                    // Only the spare byte was cut: every sample is there.
                    Assert.Null(result.Error);
                    Assert.Equal(chunk.Length - 1, length);
                    continue;
                }
                Assert.Equal($"the bit stream ends inside sample {n + 1} of the {count} its header announces", result.Error);
                Assert.True(n == 0 || lengths[n - 1] <= length + 1, $"{length} bytes decode {n} samples, but sample {n} needs more");
                Assert.True(lengths[n] > length, $"{length} bytes hold sample {n + 1} ({lengths[n]} bytes), but it was not decoded");
            }
        }
    }

    public static TheoryData<bool, long[]> TimestampSequences => new()
    {
        { true, new long[] { 0, 15_000, 30_000, 45_001, 60_000 } },
        { false, new long[] { 1_000, 1_000, 16_000 } },
        { false, new long[] { 1_000, 999, 16_000 } },
        { false, new long[] { 0, 15_000, 30_000, 30_000, 45_000 } },
        { false, new long[] { 0, 15_000, 30_000, 29_000, 45_000 } },
        { false, new long[] { 0, 15_000, 30_000, 45_000, 44_999 } },
        { false, new long[] { 0, 15_000, 1L << 40, 5 } },
        // The second delta wraps past long.MaxValue: positive, yet the timestamp goes down.
        { false, new long[] { long.MaxValue - 20, long.MaxValue - 10, long.MinValue + 5 } },
        // The first delta is negative as a long (it wraps past long.MinValue), yet the timestamp goes up.
        { true, new long[] { long.MinValue + 10, long.MaxValue - 5, long.MaxValue - 1 } },
        { true, new long[] { 7 } },
        // Runs of repeated samples (a delta of delta of 0): a zero step, and a step that wraps past long.MaxValue inside the run.
        { false, new long[] { 5, 20, 20, 20, 20, 20, 20 } },
        { false, new long[] { long.MaxValue - 45, long.MaxValue - 35, long.MaxValue - 25, long.MaxValue - 15, long.MaxValue - 5, long.MinValue + 4, long.MinValue + 14 } },
        { true, new long[] { long.MaxValue - 45, long.MaxValue - 35, long.MaxValue - 25, long.MaxValue - 15, long.MaxValue - 5 } },
        { false, new long[] { 0, 15_000, 30_000, 45_000, 60_000, 75_000, 90_000, 105_000, 120_000, 135_000, 150_000, 165_000, 180_000, 180_000, 195_000 } },
    };

    [Theory]
    [MemberData(nameof(TimestampSequences))]
    public void TimestampsIncreaseSaysWhetherEachTimestampIsAboveTheOneBefore(bool increase, long[] timestamps)
    {
        Assert.Equal(increase, Increase(timestamps.Select(t => (t, 0UL))));
        var e = new XorChunkEncoder();
        foreach (var t in timestamps)
        {
            e.Append(t, 1.5);
        }
        var (result, decoded) = Decode(e.Bytes.ToArray());
        Assert.Null(result.Error);
        Assert.Equal(timestamps, decoded.Select(s => s.T));
        Assert.Equal(increase, result.TimestampsIncrease);
    }

    [Fact]
    public void TimestampsIncreaseLeavesOutASampleCutOff()
    {
        // Only the last sample goes back; a chunk cut before it holds samples that increase.
        var e = new XorChunkEncoder();
        foreach (var t in new long[] { 0, 15_000, 30_000, 45_000, 44_000 })
        {
            e.Append(t, 2.5);
        }
        var chunk = e.Bytes.ToArray();
        Assert.False(Decode(chunk).Result.TimestampsIncrease);
        var cut = Enumerable.Range(2, chunk.Length - 2).Select(length => Decode(chunk[..length]).Result).Where(r => r.Decoded == 4).ToList();
        Assert.NotEmpty(cut);
        Assert.All(cut, r => Assert.True(r.TimestampsIncrease));
        Assert.All(cut, r => Assert.NotNull(r.Error));
    }

    [Fact]
    public void SamplesOfTheLongestDeltaOfDeltaAndANewWindowRoundTripAtEveryBitOffset()
    {
        // A sample of 1110 + 20 bits of delta of delta and 11 + 5 + 6 of window takes the most bits the decoder
        // reads before a value's changed bits; runs of 2-bit samples (the same step and value) in between
        // start it at every bit offset of the decoder's buffer.
        var rnd = new Random(3);
        for (var round = 0; round < 20; round++)
        {
            var e = new XorChunkEncoder();
            var samples = new List<(long T, ulong Bits)>();
            long t = 1_700_000_000_000, step = 1_000_000;
            var bits = 0UL;
            var high = false;
            for (var i = 0; i < 1000; i++)
            {
                if (i > 0 && rnd.Next(4) == 0)
                {
                    // A delta of delta between 2^16 and 2^19 either way, and changed bits in a window that does
                    // not fit the last one (low and high windows take turns).
                    step += (step > 1_000_000 ? -1 : 1) * (70_000 + rnd.Next(400_000));
                    high = !high;
                    bits ^= high ? 1UL << rnd.Next(30, 41) | 1UL << rnd.Next(41, 64) : 1UL << rnd.Next(0, 11) | 1UL << rnd.Next(20, 41);
                }
                t += i > 0 ? step : 0;
                e.Append(t, BitConverter.UInt64BitsToDouble(bits));
                samples.Add((t, bits));
            }
            var (result, decoded) = Decode(e.Bytes.ToArray());
            Assert.Null(result.Error);
            Assert.Equal(samples, decoded);
        }
    }

    [Fact]
    public void EmptyChunkDecodesToNothingWithoutError()
    {
        var (result, decoded) = Decode(new byte[] { 0, 0 });
        Assert.Null(result.Error);
        Assert.Empty(decoded);
        Assert.True(result.HasExactLength);
        Assert.Equal(0, XorChunkDecoder.SampleCount(new byte[] { 0 }));
    }

    [Fact]
    public void WindowWiderThanSixtyFourBitsIsReported()
    {
        // Sample 2's value: control 11, 20 leading zeros, 50 significant bits (20 + 50 > 64).
        var chunk = Convert.FromHexString("0002" + "00" + "3ff0000000000000" + "01" + "e990000000000000");
        var (result, decoded) = Decode(chunk);
        Assert.Equal("sample 2 has an XOR window of 20 leading and more than 44 significant bits", result.Error);
        Assert.Single(decoded);
        // The same window, cut inside its 6-bit width: the stream ends first, so that is what is reported.
        Assert.Equal("the bit stream ends inside sample 2 of the 2 its header announces", Decode(chunk[..13]).Result.Error);
    }

    [Theory]
    [InlineData("0001" + "ffffffffffffffffff02", "sample 1 has a timestamp varint that overflows 64 bits", 0)]
    [InlineData("0002" + "00" + "3ff0000000000000" + "ffffffffffffffffff7f", "sample 2 has a timestamp varint that overflows 64 bits", 1)]
    [InlineData("0002" + "00" + "3ff0000000000000" + "ffff", "the bit stream ends inside sample 2 of the 2 its header announces", 1)]
    [InlineData("0001" + "00" + "3ff0", "the bit stream ends inside sample 1 of the 1 its header announces", 0)]
    public void BadTimestampVarintsAreReported(string hex, string error, int decoded)
    {
        var (result, samples) = Decode(Convert.FromHexString(hex));
        Assert.Equal(error, result.Error);
        Assert.Equal(decoded, result.Decoded);
        Assert.Equal(decoded, samples.Count);
    }

    [Fact]
    public void BuffersShorterThanTheChunkAreRefused()
    {
        var (chunk, _) = RandomChunk(new Random(1), 10);
        var e = Assert.Throws<ArgumentException>(() => XorChunkDecoder.Decode(chunk, new long[9], new double[10]));
        Assert.Contains("hold 9 samples; the chunk has 10", e.Message);
    }

    /// <summary>
    /// A chunk of <paramref name="count"/> random samples; with <paramref name="repeatPercent"/>, that
    /// share of them repeat the value after the same step as the sample before.
    /// </summary>
    internal static (byte[] Chunk, List<(long T, ulong Bits)> Samples) RandomChunk(Random rnd, int count, int repeatPercent = 0)
    {
        // Steps hitting every delta-of-delta bucket and its edges, including none and huge ones.
        long[] steps = { 15_000, 15_000, 15_001, 14_999, 0, 1, 8_192, 8_193, 65_536, 65_537, 524_288, 524_289, 1L << 40, 30_000 };
        var e = new XorChunkEncoder();
        var samples = new List<(long, ulong)>(count);
        var t = rnd.Next(4) switch { 0 => 0, 1 => -rnd.NextInt64(1L << 50), 2 => long.MaxValue / 4, _ => 1_700_000_000_000 + rnd.Next() };
        var bits = BitConverter.DoubleToUInt64Bits(rnd.NextDouble());
        long step = 15_000;
        for (var i = 0; i < count; i++)
        {
            // Drawn only when asked for, so that chunks without repeats stay those of earlier seeds.
            if (repeatPercent > 0 && i > 1 && rnd.Next(100) < repeatPercent)
            {
                t += step;
            }
            else
            {
                if (i > 0)
                {
                    step = rnd.Next(3) == 0 ? steps[rnd.Next(steps.Length)] : 15_000;
                    t += step;
                }
                bits = rnd.Next(12) switch
                {
                    0 => BitConverter.DoubleToUInt64Bits(double.NaN),
                    1 => StaleMarkerBits,
                    2 => BitConverter.DoubleToUInt64Bits(rnd.Next(2) == 0 ? double.PositiveInfinity : double.NegativeInfinity),
                    3 => BitConverter.DoubleToUInt64Bits(-0.0),
                    4 or 5 => bits,
                    6 => (ulong)rnd.NextInt64() << 1 | (uint)rnd.Next(2),
                    7 => BitConverter.DoubleToUInt64Bits(double.Epsilon),
                    8 => bits ^ 1UL << rnd.Next(64),
                    9 => BitConverter.DoubleToUInt64Bits(BitConverter.UInt64BitsToDouble(bits) + rnd.Next(100)),
                    _ => BitConverter.DoubleToUInt64Bits(rnd.NextDouble() * Math.Pow(10, rnd.Next(-30, 30))),
                };
            }
            e.Append(t, BitConverter.UInt64BitsToDouble(bits));
            samples.Add((t, bits));
        }
        return (e.Bytes.ToArray(), samples);
    }

    internal static (XorChunkDecodeResult Result, List<(long T, ulong Bits)> Samples) Decode(byte[] chunk)
    {
        var count = XorChunkDecoder.SampleCount(chunk);
        var timestamps = new long[count];
        var values = new double[count];
        var result = XorChunkDecoder.Decode(chunk, timestamps, values);
        return (result, Enumerable.Range(0, result.Decoded).Select(i => (timestamps[i], BitConverter.DoubleToUInt64Bits(values[i]))).ToList());
    }

    private static bool Increase(IEnumerable<(long T, ulong Bits)> samples) => samples.Zip(samples.Skip(1)).All(p => p.Second.T > p.First.T);

    private static int[] PrefixLengths(List<(long T, ulong Bits)> samples)
    {
        var e = new XorChunkEncoder();
        var lengths = new int[samples.Count];
        for (var i = 0; i < samples.Count; i++)
        {
            e.Append(samples[i].T, BitConverter.UInt64BitsToDouble(samples[i].Bits));
            lengths[i] = e.Bytes.Length;
        }
        return lengths;
    }
}
