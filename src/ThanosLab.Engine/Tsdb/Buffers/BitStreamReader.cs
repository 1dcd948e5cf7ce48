using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace ThanosLab.Engine.Tsdb.Buffers;

/// <summary>
/// Reads the MSB-first bit stream that <see cref="BitStreamWriter"/> writes (formats.md §5.1). Reading
/// past the end never throws: it sets <see cref="Exhausted"/> and returns zeros, so a decoder can
/// report a short chunk instead of failing.
/// </summary>
public ref struct BitStreamReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _totalBits;
    private long _bit;

    public BitStreamReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _totalBits = (long)data.Length * 8;
        _bit = 0;
        Exhausted = false;
    }

    /// <summary>True once a read asked for more bits than the stream holds.</summary>
    public bool Exhausted { get; private set; }

    public readonly long BitPosition => _bit;

    /// <summary>Bits not read yet.</summary>
    public readonly long BitsLeft => _totalBits - _bit;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBit()
    {
        if (_bit >= _totalBits)
        {
            Exhausted = true;
            return false;
        }
        var b = _data[(int)(_bit >> 3)] & (0x80 >> (int)(_bit & 7));
        _bit++;
        return b != 0;
    }

    public byte ReadByte() => (byte)ReadBits(8);

    /// <summary>The next <paramref name="count"/> (0..64) bits as the low bits of the result.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadBits(int count)
    {
        if (count == 0)
        {
            return 0;
        }
        if (_bit + count > _totalBits)
        {
            _bit = _totalBits;
            Exhausted = true;
            return 0;
        }
        var index = (int)(_bit >> 3);
        var shift = (int)(_bit & 7);
        ulong result;
        if (index + 8 <= _data.Length)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(index, 8)) << shift;
            if (shift + count > 64)
            {
                // The bits spill into a ninth byte, which exists because the range check passed.
                word |= (ulong)_data[index + 8] >> (8 - shift);
            }
            result = word >> (64 - count);
        }
        else
        {
            result = 0;
            for (var i = 0; i < count; i++)
            {
                var bit = _bit + i;
                result = (result << 1) | (uint)((_data[(int)(bit >> 3)] >> (7 - (int)(bit & 7))) & 1);
            }
        }
        _bit += count;
        return result;
    }
}
