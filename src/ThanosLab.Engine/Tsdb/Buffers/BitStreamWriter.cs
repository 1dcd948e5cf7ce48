using System.Buffers.Binary;

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
    /// <remarks>
    /// Prometheus writes whole bytes first and then the rest bit by bit; all that leaves behind is the
    /// bits and where the stream ends, and that end depends only on the last step: after a bit, the
    /// stream ends at the byte holding it; after a whole byte, one fresh zero byte follows when the
    /// position is byte-aligned. So the bits are ORed in with one 64-bit store and the end set once.
    /// </remarks>
    public void WriteBits(ulong value, int count)
    {
        if (count == 0)
        {
            return;
        }
        var position = (long)_length * 8 - _free;
        var end = position + count;
        int length, free;
        if (count % 8 != 0)
        {
            length = (int)((end + 7) >> 3);
            free = (int)((long)length * 8 - end);
        }
        else
        {
            // Whole bytes keep the free bits they start with; none free means a fresh byte first.
            free = _free == 0 ? 8 : _free;
            length = (int)((end + free) >> 3);
        }
        EnsureCapacity(length + 8);
        var at = (int)(position >> 3);
        var offset = (int)(position & 7);
        var bits = value << (64 - count);
        var word = BinaryPrimitives.ReadUInt64BigEndian(_bytes.AsSpan(at)) | (bits >> offset);
        BinaryPrimitives.WriteUInt64BigEndian(_bytes.AsSpan(at), word);
        if (offset + count > 64)
        {
            _bytes[at + 8] |= (byte)(bits << (64 - offset) >> 56);
        }
        _length = length;
        _free = free;
    }

    private void Append(byte b)
    {
        EnsureCapacity(_length + 1);
        _bytes[_length++] = b;
    }

    private void EnsureCapacity(int bytes)
    {
        if (bytes > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(bytes, _bytes.Length * 2));
        }
    }
}
