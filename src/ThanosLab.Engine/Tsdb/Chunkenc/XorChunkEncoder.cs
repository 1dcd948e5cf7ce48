using System.Buffers.Binary;
using ThanosLab.Engine.Tsdb.Buffers;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Appends float samples to one XOR chunk (encoding 1, formats.md §5.2) exactly as Prometheus'
/// xorAppender does, so chunk bytes match promtool's. Reusable: <see cref="Reset"/> starts a new chunk.
/// </summary>
public sealed class XorChunkEncoder
{
    public const byte Encoding = 1;

    public const int MaxSamples = ushort.MaxValue;

    private readonly BitStreamWriter _stream = new();
    private long _t;
    private ulong _tDelta;
    private XorValue _value;

    public XorChunkEncoder() => Reset();

    public int Count { get; private set; }

    public long MinTime { get; private set; }

    public long MaxTime => _t;

    /// <summary>The chunk payload as stored on disk (without length, encoding byte or CRC).</summary>
    public ReadOnlySpan<byte> Bytes => _stream.Bytes;

    public void Reset()
    {
        _stream.Reset(headerBytes: 2);
        Count = 0;
    }

    public void Append(long t, double v)
    {
        if (Count == MaxSamples)
        {
            throw new InvalidOperationException($"An XOR chunk holds at most {MaxSamples} samples.");
        }
        var bits = BitConverter.DoubleToUInt64Bits(v);
        switch (Count)
        {
            case 0:
                WriteVarintBytes((ulong)((t << 1) ^ (t >> 63)));
                _stream.WriteBits(bits, 64);
                _value = XorValue.First(bits);
                MinTime = t;
                break;
            case 1:
                _tDelta = (ulong)(t - _t);
                WriteVarintBytes(_tDelta);
                WriteValue(bits);
                break;
            default:
                var delta = (ulong)(t - _t);
                WriteDeltaOfDelta((long)(delta - _tDelta));
                _tDelta = delta;
                WriteValue(bits);
                break;
        }
        _t = t;
        Count++;
        BinaryPrimitives.WriteUInt16BigEndian(_stream.Bytes, (ushort)Count);
    }

    private void WriteVarintBytes(ulong v)
    {
        while (v >= 0x80)
        {
            _stream.WriteByte((byte)(v | 0x80));
            v >>= 7;
        }
        _stream.WriteByte((byte)v);
    }

    private void WriteDeltaOfDelta(long dod)
    {
        if (dod == 0)
        {
            _stream.WriteBit(false);
        }
        else if (Fits(dod, 14))
        {
            _stream.WriteBits(0b10, 2);
            _stream.WriteBits((ulong)dod, 14);
        }
        else if (Fits(dod, 17))
        {
            _stream.WriteBits(0b110, 3);
            _stream.WriteBits((ulong)dod, 17);
        }
        else if (Fits(dod, 20))
        {
            _stream.WriteBits(0b1110, 4);
            _stream.WriteBits((ulong)dod, 20);
        }
        else
        {
            _stream.WriteBits(0b1111, 4);
            _stream.WriteBits((ulong)dod, 64);
        }
    }

    // Prometheus' bitRange: the interval is asymmetric, [-(2^(n-1)-1), 2^(n-1)].
    private static bool Fits(long x, int bits) => -((1L << (bits - 1)) - 1) <= x && x <= 1L << (bits - 1);

    private void WriteValue(ulong bits) => _value.Write(_stream, bits);
}
