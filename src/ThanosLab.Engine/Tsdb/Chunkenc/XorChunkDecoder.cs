using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Decodes a whole XOR chunk (encoding 1, formats.md §5.2), the inverse of <see cref="XorChunkEncoder"/>,
/// into the caller's arrays in one call. One method holds the whole per-sample state (the bit position,
/// the previous value, its XOR window, the timestamp delta) in locals, so the JIT keeps it in registers:
/// the sample iterator this replaced wrote it back to memory after every sample and read the stream
/// bit by bit, and took twice as long. Corrupt input never throws: decoding stops at the first bad sample, and the result
/// says which one and why, with the samples before it decoded.
/// </summary>
public static class XorChunkDecoder
{
    private const int HeaderBytes = 2;

    // The most bits a sample's delta of delta and value control bits take together, short of a 64-bit delta of delta: 4 + 20 and 2 + 5 + 6.
    private const int LongestHead = 37;

    /// <summary>The sample count of the chunk's header (0 when the chunk is too short to have one).</summary>
    public static int SampleCount(ReadOnlySpan<byte> chunk) => chunk.Length >= HeaderBytes ? BinaryPrimitives.ReadUInt16BigEndian(chunk) : 0;

    /// <summary>
    /// Decodes <paramref name="chunk"/> (sample count header and bit stream, as stored) into the first
    /// samples of <paramref name="timestamps"/> and <paramref name="values"/>, which must hold at least
    /// <see cref="SampleCount"/> samples.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static XorChunkDecodeResult Decode(ReadOnlySpan<byte> chunk, Span<long> timestamps, Span<double> values)
    {
        if (chunk.Length < HeaderBytes)
        {
            return new(0, 0, $"the chunk is {chunk.Length} bytes, shorter than its 2-byte sample count", chunk.Length, 0, true);
        }
        var count = SampleCount(chunk);
        if (count > timestamps.Length || count > values.Length)
        {
            ThrowShortBuffers(Math.Min(timestamps.Length, values.Length), count);
        }
        if (count == 0)
        {
            return new(0, 0, null, chunk.Length, 0, true);
        }
        var data = chunk[HeaderBytes..];

        // Samples 0 and 1 start with varints and a 64-bit value, all on byte boundaries.
        var next = ReadUvarint(data, 0, out var zigzag);
        if (next <= 0)
        {
            return VarintError(next, 0, count, chunk.Length);
        }
        if (next + 8 > data.Length)
        {
            return Truncated(0, count, chunk.Length, int.MaxValue);
        }
        var t = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
        var bits = BinaryPrimitives.ReadUInt64BigEndian(data[next..]);
        next += 8;
        timestamps[0] = t;
        values[0] = BitConverter.UInt64BitsToDouble(bits);
        if (count == 1)
        {
            return new(count, 1, null, chunk.Length, (long)next * 8, true);
        }
        var afterDelta = ReadUvarint(data, next, out var firstDelta);
        if (afterDelta <= 0)
        {
            return VarintError(afterDelta, 1, count, chunk.Length);
        }
        next = afterDelta;
        var delta = (long)firstDelta;
        // The first sample whose timestamp is not above the one before it, compared as computed (a
        // corrupt delta may wrap past long's range either way, so its sign alone would not do). Found
        // on a branch that valid chunks never take, so the loop keeps no flag or previous timestamp
        // in a register; the first, because decoding may stop before a later one's sample is stored.
        var firstNotIncreasing = t + delta <= t ? 1 : int.MaxValue;
        t += delta;

        // From here on every field is read from a buffer of the 64 stream bits from bufferStart (a byte
        // boundary) on: a delta of delta and the value's control bits (LongestHead bits at most) at once,
        // then a value's changed bits. Past the end of the stream the buffer reads zeros; a sample that
        // went past the end is reported as cut off once it is read.
        var end = (long)data.Length * 8;
        var position = (long)next * 8;
        // Prometheus' first value has no window yet; an empty one (0 leading, 0 trailing: 64 bits) is what its reader starts from.
        int width = 64, trailing = 0;
        var valueBits = MemoryMarshal.Cast<double, ulong>(values[..count]);
        timestamps = timestamps[..count];
        var i = 1;
        // The buffer is read again only when fewer than LongestHead bits are left in it, and a value's
        // changed bits are taken from it whenever they are in it: most samples then read no memory,
        // where reading at every field put a load on the chain of dependent steps each sample is, and
        // took 1.6 times as long.
        // Nothing is left in the buffer yet, so the first sample reads it.
        var bufferStart = position - 64;
        ulong buffer = 0;
        while (true)
        {
            if (position - bufferStart > 64 - LongestHead)
            {
                bufferStart = position & ~7L;
                buffer = Peek(data, bufferStart);
            }
            var word = buffer << (int)(position - bufferStart);
            // A run of samples that repeat the value at the same interval, two 0 bits each (delta of
            // delta 0, value unchanged), is stored at once: in most real series (97 % of the samples of
            // realistic-k8s-1w-small) nearly every sample is one.
            if ((word >> 62) == 0 && i > 1)
            {
                var run = RepeatRun(word, (int)(position - bufferStart), end - position, count - i, t, delta);
                if (run > 0)
                {
                    for (var k = 0; k < run; k++)
                    {
                        t += delta;
                        timestamps[i + k] = t;
                    }
                    valueBits.Slice(i, run).Fill(bits);
                    position += 2 * run;
                    i += run;
                    if (i == timestamps.Length)
                    {
                        return new(count, count, null, chunk.Length, position, firstNotIncreasing >= count);
                    }
                    continue;
                }
            }
            if (i > 1)
            {
                // The delta of delta: 0, 10 + 14 bits, 110 + 17, 1110 + 20 or 1111 + 64.
                var ones = Math.Min(BitOperations.LeadingZeroCount(~word), 4);
                if (ones == 0)
                {
                    word <<= 1;
                    position++;
                }
                else if (ones < 4)
                {
                    var dodWidth = 11 + 3 * ones;
                    var raw = word << (ones + 1) >> (64 - dodWidth);
                    // Prometheus' buckets are asymmetric: values above 2^(n-1) are negative.
                    delta += raw > 1UL << (dodWidth - 1) ? (long)raw - (1L << dodWidth) : (long)raw;
                    word <<= ones + 1 + dodWidth;
                    position += ones + 1 + dodWidth;
                }
                else
                {
                    delta += (long)PeekWide(data, position + 4, 64);
                    position += 68;
                    bufferStart = position & ~7L;
                    buffer = Peek(data, bufferStart);
                    word = buffer << (int)(position - bufferStart);
                }
                if (t + delta <= t)
                {
                    firstNotIncreasing = Math.Min(firstNotIncreasing, i);
                }
                t += delta;
            }

            // The value: 0 = unchanged, 10 = changed bits in the previous window, 11 = a new window.
            if ((long)word < 0)
            {
                if ((word & (1UL << 62)) != 0)
                {
                    var leading = (int)(word >> 57) & 0x1F;
                    var significant = (int)(word >> 51) & 0x3F;
                    position += 13;
                    // 64 significant bits are stored as 0 in the 6-bit field.
                    width = significant == 0 ? 64 : significant;
                    if (leading + width > 64)
                    {
                        return position > end ? Truncated(i, count, chunk.Length, firstNotIncreasing) : WindowError(i, count, leading, chunk.Length, position, firstNotIncreasing);
                    }
                    trailing = 64 - leading - width;
                }
                else
                {
                    position += 2;
                }
                // width <= 57 fits one peeked word; wider windows are rare (values whose every bit changes).
                var changed = position + width <= bufferStart + 64 ? buffer << (int)(position - bufferStart) >> (64 - width)
                    : width <= 57 ? Peek(data, position) >> (64 - width) : PeekWide(data, position, width);
                bits ^= changed << trailing;
                position += width;
            }
            else
            {
                position++;
            }
            if (position > end)
            {
                break;
            }
            timestamps[i] = t;
            valueBits[i] = bits;
            if (++i == timestamps.Length)
            {
                return new(count, count, null, chunk.Length, position, firstNotIncreasing >= count);
            }
        }
        return Truncated(i, count, chunk.Length, firstNotIncreasing);
    }

    /// <summary>
    /// How many samples from the stream's 0 bits in <paramref name="word"/> (the buffer from bit
    /// <paramref name="used"/> on) repeat the value: pairs of 0 bits within the buffer and the stream
    /// (<paramref name="left"/> bits), at most <paramref name="samples"/>; 0 when a timestamp of the run
    /// would not be above the one before it, which the sample-by-sample path then finds and reports.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RepeatRun(ulong word, int used, long left, int samples, long t, long delta)
    {
        var zeros = Math.Min(BitOperations.LeadingZeroCount(word), 64 - used);
        var run = (int)Math.Min(Math.Min(zeros / 2, samples), left / 2);
        // delta < 2^57 keeps delta * run (run <= 32) from overflowing.
        return delta > 0 && delta < 1L << 57 && t <= long.MaxValue - delta * run ? run : 0;
    }

    // Thrown from here, so that Decode's own code is only the decoding.
    [DoesNotReturn]
    private static void ThrowShortBuffers(int length, int count) =>
        throw new ArgumentException($"The buffers hold {length} samples; the chunk has {count}.");

    private static XorChunkDecodeResult Truncated(int sample, int count, int chunkLength, int firstNotIncreasing) =>
        new(count, sample, $"the bit stream ends inside sample {sample + 1} of the {count} its header announces", chunkLength, (long)(chunkLength - HeaderBytes) * 8, firstNotIncreasing >= sample);

    /// <summary>The stream from bit <paramref name="position"/> on, at least 57 bits of it; zeros past its end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Peek(ReadOnlySpan<byte> data, long position)
    {
        var index = (int)(position >> 3);
        var word = index <= data.Length - 8 ? BinaryPrimitives.ReadUInt64BigEndian(data[index..]) : PeekTail(data, index);
        return word << (int)(position & 7);
    }

    /// <summary>The last bytes of the stream from <paramref name="index"/> on, padded with zeros to 8.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PeekTail(ReadOnlySpan<byte> data, int index)
    {
        ulong word = 0;
        for (var k = 0; k < 8; k++)
        {
            word = word << 8 | (index + k < data.Length ? data[index + k] : 0UL);
        }
        return word;
    }

    /// <summary>The <paramref name="width"/> (33..64) bits at <paramref name="position"/>, as two peeks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong PeekWide(ReadOnlySpan<byte> data, long position, int width) =>
        Peek(data, position) >> (96 - width) << 32 | Peek(data, position + width - 32) >> 32;

    // The errors are made in methods of their own: a call inside the loop would push its locals out of registers.
    private static XorChunkDecodeResult WindowError(int sample, int count, int leading, int chunkLength, long bitsUsed, int firstNotIncreasing) =>
        new(count, sample, $"sample {sample + 1} has an XOR window of {leading} leading and more than {64 - leading} significant bits", chunkLength, bitsUsed, firstNotIncreasing >= sample);

    // Before sample 2 is stored no two timestamps have been compared.
    private static XorChunkDecodeResult VarintError(int status, int sample, int count, int chunkLength) => status == 0
        ? Truncated(sample, count, chunkLength, int.MaxValue)
        : new(count, sample, $"sample {sample + 1} has a timestamp varint that overflows 64 bits", chunkLength, 0, true);

    /// <summary>
    /// The unsigned varint at byte <paramref name="start"/>: returns the byte after it; 0 when the stream
    /// ends inside it, -1 when it overflows 64 bits. Returns rather than updates a position, so that the
    /// caller's position stays in a register.
    /// </summary>
    private static int ReadUvarint(ReadOnlySpan<byte> data, int start, out ulong value)
    {
        value = 0;
        var next = start;
        for (var shift = 0; shift < 70; shift += 7)
        {
            if (next >= data.Length)
            {
                return 0;
            }
            var b = data[next++];
            if (shift == 63 && b > 1)
            {
                return -1;
            }
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return next;
            }
        }
        return -1;
    }
}
