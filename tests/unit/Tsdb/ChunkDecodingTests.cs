using ThanosLab.Engine.IO;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Tsdb;

/// <summary>The decoding primitives: bounds-checked buffer, bit stream, XOR decoder, segment reader.</summary>
public class ChunkDecodingTests
{
    private const long T0 = 1700006400000;

    [Fact]
    public void DecodingBufferReadsWhatEncodingBufferWrote()
    {
        var e = new EncodingBuffer();
        e.PutBE32(0xDEADBEEF);
        e.PutBE64(ulong.MaxValue - 1);
        e.PutUvarint(300);
        e.PutVarint(-T0);
        e.PutString("héllo");
        e.PutByte(7);
        var d = new DecodingBuffer(e.Span);
        Assert.Equal(0xDEADBEEFu, d.Be32());
        Assert.Equal(ulong.MaxValue - 1, d.Be64());
        Assert.Equal(300UL, d.Uvarint());
        Assert.Equal(-T0, d.Varint());
        Assert.Equal("héllo", d.UvarintString());
        Assert.Equal(7, d.Byte());
        Assert.False(d.Failed);
        Assert.Equal(0, d.Remaining);
    }

    [Fact]
    public void DecodingBufferReportsTheOffsetOfAReadPastTheEnd()
    {
        var d = new DecodingBuffer(new byte[] { 1, 2, 3, 4, 5, 6 }, baseOffset: 100);
        Assert.Equal(0x01020304u, d.Be32());
        Assert.Equal(0UL, d.Be64());
        Assert.True(d.Failed);
        Assert.Equal(104, d.ErrorOffset);
        Assert.Contains("needs 8 bytes but only 2 remain", d.Error);
        // Every later read returns zero instead of throwing.
        Assert.Equal(0, d.Byte());
        Assert.Equal(0, d.Remaining);
    }

    [Fact]
    public void DecodingBufferSkipsWhatRemainsAndNamesASkipPastTheEnd()
    {
        var d = new DecodingBuffer(new byte[] { 1, 2, 3, 4 }, baseOffset: 10);
        d.Skip(3);
        Assert.Null(d.Error);
        Assert.Equal(4, d.Byte());
        d.Skip(0);
        Assert.Null(d.Error);
        d.Skip(1);
        Assert.Equal("1 bytes to skip needs 1 bytes but only 0 remain", d.Error);
        Assert.Equal(14, d.ErrorOffset);
        var negative = new DecodingBuffer(new byte[] { 1 });
        negative.Skip(-1);
        Assert.Contains("-1 bytes to skip", negative.Error);
    }

    [Fact]
    public void DecodingBufferRejectsOverlongAndUnterminatedVarints()
    {
        var overflow = new DecodingBuffer(Convert.FromHexString("ffffffffffffffffff02"));
        overflow.Uvarint();
        Assert.Contains("overflows", overflow.Error);
        var open = new DecodingBuffer(Convert.FromHexString("8080"), 10);
        open.Uvarint();
        Assert.Contains("past the end", open.Error);
        Assert.Equal(10, open.ErrorOffset);
        var longString = new DecodingBuffer(Convert.FromHexString("0561"));
        Assert.Equal("", longString.UvarintString());
        Assert.Contains("string of 5 bytes", longString.Error);
    }

    [Fact]
    public void BitStreamReaderReadsWhatTheWriterWrote()
    {
        var w = new BitStreamWriter();
        w.Reset(0);
        w.WriteBit(true);
        w.WriteBits(0x1ABCDEF012345, 49);
        w.WriteByte(0xA5);
        w.WriteBits(ulong.MaxValue - 2, 64);
        w.WriteBits(5, 3);
        var r = new BitStreamReader(w.Bytes);
        Assert.True(r.ReadBit());
        Assert.Equal(0x1ABCDEF012345UL, r.ReadBits(49));
        Assert.Equal(0xA5, r.ReadByte());
        Assert.Equal(ulong.MaxValue - 2, r.ReadBits(64));
        Assert.Equal(5UL, r.ReadBits(3));
        Assert.False(r.Exhausted);
        r.ReadBits(64);
        Assert.True(r.Exhausted);
    }

    [Fact]
    public void TheWriterLeavesExactlyPrometheusBytes()
    {
        // Prometheus' bstream, byte by byte: writeBit appends a byte when none is free; writeByte ORs
        // into the last byte and appends the rest, leaving a fresh zero byte when aligned; writeBits
        // writes whole bytes first, then bits.
        var reference = new List<byte>();
        var free = 0;
        void Bit(bool bit)
        {
            if (free == 0)
            {
                reference.Add(0);
                free = 8;
            }
            if (bit)
            {
                reference[^1] |= (byte)(1 << (free - 1));
            }
            free--;
        }
        void Byte(byte b)
        {
            if (free == 0)
            {
                reference.Add(0);
                free = 8;
            }
            reference[^1] |= (byte)(b >> (8 - free));
            reference.Add((byte)(b << free));
        }
        var random = new Random(20261207);
        // One writer for all rounds: a reset stream must hold nothing of the round before.
        var w = new BitStreamWriter();
        for (var round = 0; round < 300; round++)
        {
            w.Reset(round % 3);
            reference.Clear();
            reference.AddRange(new byte[round % 3]);
            free = 0;
            for (var op = 0; op < 200; op++)
            {
                switch (random.Next(3))
                {
                    case 0:
                        var bit = random.Next(2) == 1;
                        w.WriteBit(bit);
                        Bit(bit);
                        break;
                    case 1:
                        var b = (byte)random.Next(256);
                        w.WriteByte(b);
                        Byte(b);
                        break;
                    default:
                        var count = random.Next(2) == 0 ? 8 * random.Next(1, 9) : random.Next(1, 65);
                        var value = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 40);
                        w.WriteBits(value, count);
                        var shifted = value << (64 - count);
                        var n = count;
                        for (; n >= 8; n -= 8, shifted <<= 8)
                        {
                            Byte((byte)(shifted >> 56));
                        }
                        for (; n > 0; n--, shifted <<= 1)
                        {
                            Bit(shifted >> 63 == 1);
                        }
                        break;
                }
                Assert.Equal(Convert.ToHexString(reference.ToArray()), Convert.ToHexString(w.Bytes));
            }
        }
    }

    [Fact]
    public void XorWorkedExampleDecodes()
    {
        var chunk = Convert.FromHexString("0004" + "80c0b884fa62" + "3ff0000000000000" + "9875" + "c25fff6c070002");
        var (d, samples) = XorChunkDecoderTests.Decode(chunk);
        Assert.Null(d.Error);
        Assert.Equal(new[] { (T0, 1.0), (T0 + 15000, 2.0), (T0 + 30000, 3.0), (T0 + 45001, 3.0) }, samples.Select(s => (s.T, BitConverter.UInt64BitsToDouble(s.Bits))));
        Assert.True(d.HasExactLength);
    }

    [Fact]
    public void OneSampleChunkWithItsSpareByteHasTheExactLength()
    {
        var chunk = Convert.FromHexString("0001d00f3ff0" + "00000000000000");
        var (d, samples) = XorChunkDecoderTests.Decode(chunk);
        Assert.Equal(new[] { (1000L, BitConverter.DoubleToUInt64Bits(1.0)) }, samples);
        Assert.True(d.HasExactLength);
        // Without the spare byte, or with two, the chunk is not what Prometheus writes.
        var short1 = XorChunkDecoderTests.Decode(chunk[..^1]).Result;
        Assert.Null(short1.Error);
        Assert.True(short1.HasExactLength); // the stream ended on a byte boundary, so both lengths are valid
        var extra = XorChunkDecoderTests.Decode(chunk.Concat(new byte[] { 0 }).ToArray()).Result;
        Assert.False(extra.HasExactLength);
    }

    [Fact]
    public void TruncatedChunkReportsTheMissingSample()
    {
        var chunk = Convert.FromHexString("0004" + "80c0b884fa62" + "3ff0000000000000" + "9875" + "c25f");
        var (d, samples) = XorChunkDecoderTests.Decode(chunk);
        Assert.Single(samples);
        Assert.Contains("ends inside sample 2 of the 4", d.Error);
        var (tiny, none) = XorChunkDecoderTests.Decode(new byte[] { 1 });
        Assert.Empty(none);
        Assert.Contains("shorter than its 2-byte sample count", tiny.Error);
    }

    [Fact]
    public void EncoderAndDecoderRoundTripEdgeCases()
    {
        // Every dod bucket edge, negative and huge timestamps, special and tiny float values.
        long[] dods = { 0, 8192, -8191, -8192, 65536, -65535, -65536, 524288, -524287, -524288, 524289, 1L << 40, -(1L << 40) };
        double[] values = { 0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, 1e308, -3.5, 42, 42, 1 };
        var e = new XorChunkEncoder();
        var expected = new List<(long, ulong)>();
        long t = -5_000_000_000, delta = 10_000_000_000;
        var rnd = new Random(3);
        for (var i = 0; i < 300; i++)
        {
            if (i >= 2) delta += dods[i % dods.Length];
            if (i >= 1) t += delta;
            var v = i < values.Length ? values[i] : rnd.NextDouble() * Math.Pow(10, rnd.Next(-20, 20));
            e.Append(t, v);
            expected.Add((t, BitConverter.DoubleToUInt64Bits(v)));
        }
        var (d, actual) = XorChunkDecoderTests.Decode(e.Bytes.ToArray());
        Assert.Null(d.Error);
        Assert.Equal(expected, actual);
        Assert.True(d.HasExactLength);
    }

    [Fact]
    public void SegmentReaderFollowsRefsAcrossSegments()
    {
        using var dir = new TempDirectory();
        var refs = new ulong[3];
        var chunks = new List<byte[]>();
        var payloads = new List<byte>();
        for (var i = 0; i < 3; i++)
        {
            var e = new XorChunkEncoder();
            e.Append(i * 1000, i);
            chunks.Add(e.Bytes.ToArray());
            payloads.AddRange(e.Bytes.ToArray());
        }
        using (var writer = new ChunkSegmentWriter(dir.Path, segmentSize: 40))
        {
            writer.WriteSeries(payloads.ToArray(), chunks.Select(c => c.Length).ToArray(), refs);
            writer.Complete();
        }
        Assert.Equal(3, Directory.GetFiles(dir.Path).Length);
        var issues = new List<BlockIssue>();
        using var reader = ChunkSegmentReader.Open(dir.Path, issues);
        Assert.Empty(issues);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(reader.TryRead(refs[i], out var record, out var issue), issue?.ToString());
            Assert.Equal(1, record.Encoding);
            Assert.Equal(chunks[i], record.Data.ToArray());
        }
        Assert.False(reader.TryRead(3UL << 32 | 8, out _, out var beyond));
        Assert.Contains("segment 3, but the block has 3", beyond!.Message);
        Assert.False(reader.TryRead(1UL << 32 | 5000, out _, out var outside));
        Assert.Equal("chunks/000002", outside!.File);
    }
}

/// <summary>The bounded window every block file is read through.</summary>
public class FileWindowTests
{
    [Fact]
    public void ReadsAnywhereInTheFileAndNothingOutsideIt()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("f");
        var content = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(path, content);
        using var window = FileWindow.Open(path, dir.Path, windowSize: 4096);
        Assert.Equal(content.Length, window.Length);
        foreach (var (offset, length) in new[] { (0L, 10), (4090L, 20), (100L, 5), (299_990L, 10), (1000L, 100_000), (0L, 300_000) })
        {
            Assert.True(window.TryRead(offset, length, out var bytes));
            Assert.Equal(content.AsSpan((int)offset, length).ToArray(), bytes.ToArray());
        }
        Assert.False(window.TryRead(299_995, 6, out _));
        Assert.False(window.TryRead(-1, 1, out _));
        Assert.False(window.TryRead(long.MaxValue - 2, 4, out _));
        Assert.Equal(5, window.ReadAtMost(299_995, 10).Length);
        Assert.Equal(0, window.ReadAtMost(300_000, 10).Length);
        window.ReleaseBuffer();
        Assert.True(window.TryRead(4090, 20, out var again));
        Assert.Equal(content.AsSpan(4090, 20).ToArray(), again.ToArray());
    }
}
