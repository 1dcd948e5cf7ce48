namespace ThanosLab.Engine.Tsdb.Buffers;

/// <summary>
/// Prometheus' MSB-first bit stream (formats.md §5.1), reproduced with its quirk: a byte written at
/// a byte-aligned position leaves an extra zero byte behind, which is part of the chunk on disk.
/// </summary>
public sealed class BitStreamWriter
{
    private byte[] _bytes = new byte[256];
    private int _length;

    // Unused low bits of the last byte (0..8).
    private int _free;

    public int Length => _length;

    public Span<byte> Bytes => _bytes.AsSpan(0, _length);

    /// <summary>Starts over with <paramref name="headerBytes"/> zero bytes and no free bits.</summary>
    public void Reset(int headerBytes)
    {
        Array.Clear(_bytes, 0, Math.Min(_length, _bytes.Length));
        _length = headerBytes;
        _free = 0;
    }

    public void WriteBit(bool bit)
    {
        if (_free == 0)
        {
            Append(0);
            _free = 8;
        }
        if (bit)
        {
            _bytes[_length - 1] |= (byte)(1 << (_free - 1));
        }
        _free--;
    }

    public void WriteByte(byte b)
    {
        if (_free == 0)
        {
            Append(0);
            _free = 8;
        }
        _bytes[_length - 1] |= (byte)(b >> (8 - _free));
        Append((byte)(b << _free));
    }

    /// <summary>Writes the low <paramref name="count"/> bits of <paramref name="value"/>, most significant first.</summary>
    public void WriteBits(ulong value, int count)
    {
        if (count == 0)
        {
            return;
        }
        value <<= 64 - count;
        while (count >= 8)
        {
            WriteByte((byte)(value >> 56));
            value <<= 8;
            count -= 8;
        }
        while (count > 0)
        {
            WriteBit((value >> 63) == 1);
            value <<= 1;
            count--;
        }
    }

    private void Append(byte b)
    {
        if (_length == _bytes.Length)
        {
            Array.Resize(ref _bytes, _bytes.Length * 2);
        }
        _bytes[_length++] = b;
    }
}
