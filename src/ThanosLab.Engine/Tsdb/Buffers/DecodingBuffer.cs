using System.Buffers.Binary;
using System.Text;

namespace ThanosLab.Engine.Tsdb.Buffers;

/// <summary>
/// The reading counterpart of <see cref="EncodingBuffer"/> (formats.md §1): big-endian fixed widths,
/// Go uvarint/varint and length-prefixed strings over a span of untrusted bytes. Like Prometheus'
/// <c>encoding.Decbuf</c> it never throws: the first read that runs past the end or meets a malformed
/// varint records <see cref="Error"/> with the file offset, and every later read returns zero.
/// </summary>
public ref struct DecodingBuffer
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _baseOffset;
    private int _position;

    /// <param name="baseOffset">Where <paramref name="data"/> starts in its file, for error offsets.</param>
    public DecodingBuffer(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        _data = data;
        _baseOffset = baseOffset;
        _position = 0;
        Error = null;
        ErrorOffset = 0;
    }

    /// <summary>What went wrong first, or null.</summary>
    public string? Error { get; private set; }

    /// <summary>The file offset of the failed read.</summary>
    public long ErrorOffset { get; private set; }

    public readonly bool Failed => Error is not null;

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>The file offset of the next read.</summary>
    public readonly long Offset => _baseOffset + _position;

    public readonly int Remaining => Failed ? 0 : _data.Length - _position;

    public byte Byte()
    {
        var s = Take(1, "a byte");
        return s.Length == 1 ? s[0] : (byte)0;
    }

    public uint Be32()
    {
        var s = Take(4, "a 32-bit integer");
        return s.Length == 4 ? BinaryPrimitives.ReadUInt32BigEndian(s) : 0;
    }

    public ulong Be64()
    {
        var s = Take(8, "a 64-bit integer");
        return s.Length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(s) : 0;
    }

    /// <summary>Go's binary.Uvarint: at most 10 bytes, the tenth at most 1.</summary>
    public ulong Uvarint()
    {
        if (Failed) return 0;
        ulong x = 0;
        var shift = 0;
        for (var i = 0; ; i++)
        {
            if (_position + i >= _data.Length)
            {
                Fail(_position, "a varint runs past the end of the data");
                return 0;
            }
            var b = _data[_position + i];
            if (i == 9 && b > 1)
            {
                Fail(_position, "a varint overflows 64 bits");
                return 0;
            }
            if (b < 0x80)
            {
                _position += i + 1;
                return x | (ulong)b << shift;
            }
            x |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
    }

    /// <summary>Go's zig-zag varint.</summary>
    public long Varint()
    {
        var u = Uvarint();
        return (long)(u >> 1) ^ -(long)(u & 1);
    }

    /// <summary>A uvarint that must fit an int (lengths, counts).</summary>
    public int UvarintLength(string what)
    {
        var start = _position;
        var v = Uvarint();
        if (!Failed && v > int.MaxValue)
        {
            Fail(start, $"{what} {v} is larger than any valid value");
            return 0;
        }
        return (int)v;
    }

    /// <summary>Raw bytes; empty (and failed) when fewer remain.</summary>
    public ReadOnlySpan<byte> Bytes(int count, string what = "bytes") => Take(count, what);

    /// <summary>A uvarint length followed by that many bytes, as raw bytes.</summary>
    public ReadOnlySpan<byte> UvarintBytes()
    {
        var n = UvarintLength("a string length");
        return Failed ? default : Take(n, $"a string of {n} bytes");
    }

    /// <summary>A uvarint length followed by that many UTF-8 bytes.</summary>
    public string UvarintString() => Encoding.UTF8.GetString(UvarintBytes());

    public void Skip(int count)
    {
        // The message is built only on failure: aggregate chunks skip five entries each, allocation-free.
        if (!Failed && count >= 0 && count <= _data.Length - _position)
        {
            _position += count;
            return;
        }
        Take(count, $"{count} bytes to skip");
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (Failed) return default;
        if (count < 0 || count > _data.Length - _position)
        {
            Fail(_position, $"{what} needs {count} bytes but only {_data.Length - _position} remain");
            return default;
        }
        var s = _data.Slice(_position, count);
        _position += count;
        return s;
    }

    private void Fail(int position, string message)
    {
        Error = message;
        ErrorOffset = _baseOffset + position;
    }
}
