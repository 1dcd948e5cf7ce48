using System.Buffers.Binary;
using System.Text;

namespace ThanosLab.Engine.Tsdb.Buffers;

/// <summary>
/// A growable byte buffer with the primitive encodings every TSDB file uses (formats.md §1):
/// big-endian fixed widths, Go uvarint/varint and length-prefixed strings. One type shared by the
/// chunk, index and tombstone writers, as Prometheus' <c>encoding.Encbuf</c> is.
/// </summary>
public sealed class EncodingBuffer
{
    private byte[] _bytes;

    public EncodingBuffer(int capacity = 256) => _bytes = new byte[Math.Max(capacity, 16)];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public void Reset() => Length = 0;

    public void PutByte(byte b)
    {
        Ensure(1);
        _bytes[Length++] = b;
    }

    public void PutBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    public void PutBE32(uint v)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32BigEndian(_bytes.AsSpan(Length), v);
        Length += 4;
    }

    public void PutBE64(ulong v)
    {
        Ensure(8);
        BinaryPrimitives.WriteUInt64BigEndian(_bytes.AsSpan(Length), v);
        Length += 8;
    }

    public void PutUvarint(ulong v)
    {
        Ensure(10);
        while (v >= 0x80)
        {
            _bytes[Length++] = (byte)(v | 0x80);
            v >>= 7;
        }
        _bytes[Length++] = (byte)v;
    }

    /// <summary>Go's zig-zag varint.</summary>
    public void PutVarint(long v) => PutUvarint((ulong)((v << 1) ^ (v >> 63)));

    public void PutString(string s)
    {
        var n = Encoding.UTF8.GetByteCount(s);
        PutUvarint((ulong)n);
        Ensure(n);
        Length += Encoding.UTF8.GetBytes(s, _bytes.AsSpan(Length));
    }

    /// <summary>Overwrites four bytes written earlier (a length placeholder).</summary>
    public void SetBE32(int offset, uint v) => BinaryPrimitives.WriteUInt32BigEndian(_bytes.AsSpan(offset), v);

    /// <summary>Appends the CRC32C of the bytes from <paramref name="start"/> to the end, big-endian.</summary>
    public void PutCrc32C(int start) => PutBE32(Crc32C.Compute(_bytes.AsSpan(start, Length - start)));

    private void Ensure(int n)
    {
        if (Length + n > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, Length + n));
        }
    }
}
