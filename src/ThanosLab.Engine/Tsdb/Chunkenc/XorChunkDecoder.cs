using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Buffers;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Iterates the samples of one XOR chunk (encoding 1, formats.md §5.2), the inverse of
/// <see cref="XorChunkEncoder"/>. Corrupt input never throws: <see cref="Next"/> returns false and
/// <see cref="Error"/> says why. After the last sample <see cref="HasExactLength"/> tells whether the
/// chunk is exactly as long as Prometheus' bit stream leaves it, spare byte included.
/// </summary>
public ref struct XorChunkDecoder
{
    private const int HeaderBytes = 2;

    private readonly ReadOnlySpan<byte> _chunk;
    private BitStreamReader _stream;
    private ulong _tDelta;
    private XorValue _value;

    /// <param name="chunk">The chunk payload as stored: sample count header and bit stream.</param>
    public XorChunkDecoder(ReadOnlySpan<byte> chunk)
    {
        _chunk = chunk;
        _stream = new BitStreamReader(chunk.Length >= HeaderBytes ? chunk[HeaderBytes..] : default);
        Count = chunk.Length >= HeaderBytes ? BinaryPrimitives.ReadUInt16BigEndian(chunk) : 0;
        Error = chunk.Length >= HeaderBytes ? null : $"the chunk is {chunk.Length} bytes, shorter than its 2-byte sample count";
        Read = 0;
        Timestamp = 0;
        Value = 0;
        _tDelta = 0;
        _value = default;
    }

    /// <summary>The sample count from the chunk header.</summary>
    public int Count { get; }

    /// <summary>Samples decoded so far.</summary>
    public int Read { get; private set; }

    public long Timestamp { get; private set; }

    public double Value { get; private set; }

    public string? Error { get; private set; }

    /// <summary>
    /// After all samples: the chunk ends where the writer's stream ends — at the last used bit's byte,
    /// plus the one spare zero byte that a byte write at a byte boundary leaves (formats.md §5.1).
    /// </summary>
    public readonly bool HasExactLength
    {
        get
        {
            var bits = _stream.BitPosition;
            var used = HeaderBytes + (bits + 7) / 8;
            return _chunk.Length == used || (bits % 8 == 0 && _chunk.Length == used + 1);
        }
    }

    /// <summary>Bytes the samples occupy (header included), for messages about the length.</summary>
    public readonly long UsedBytes => HeaderBytes + (_stream.BitPosition + 7) / 8;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        if (Error is not null || Read >= Count)
        {
            return false;
        }
        switch (Read)
        {
            case 0:
                Timestamp = ReadVarint();
                _value.Bits = _stream.ReadBits(64);
                break;
            case 1:
                _tDelta = ReadUvarint();
                Timestamp += (long)_tDelta;
                ReadValue();
                break;
            default:
                _tDelta = (ulong)((long)_tDelta + ReadDeltaOfDelta());
                Timestamp += (long)_tDelta;
                ReadValue();
                break;
        }
        if (Error is null && _stream.Exhausted)
        {
            Error = $"the bit stream ends inside sample {Read + 1} of the {Count} its header announces";
        }
        if (Error is not null)
        {
            return false;
        }
        Value = BitConverter.UInt64BitsToDouble(_value.Bits);
        Read++;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private long ReadDeltaOfDelta()
    {
        var prefix = 0;
        while (prefix < 4 && _stream.ReadBit())
        {
            prefix++;
        }
        var width = prefix switch
        {
            0 => 0,
            1 => 14,
            2 => 17,
            3 => 20,
            _ => 64,
        };
        if (width == 0)
        {
            return 0;
        }
        var raw = _stream.ReadBits(width);
        if (width != 64 && raw > 1UL << (width - 1))
        {
            // Prometheus' buckets are asymmetric: values above 2^(n-1) are negative.
            return (long)raw - (1L << width);
        }
        return (long)raw;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReadValue()
    {
        // A window read from a stream that ran out is a truncated sample, not a bad window; and the
        // first error found (a varint overflow before the value) is the one reported.
        if (!_value.Read(ref _stream) && !_stream.Exhausted)
        {
            Error ??= $"sample {Read + 1} has an XOR window of {_value.Leading} leading and more than {64 - _value.Leading} significant bits";
        }
    }

    private ulong ReadUvarint()
    {
        ulong x = 0;
        for (var i = 0; i < 10; i++)
        {
            var b = _stream.ReadByte();
            if (i == 9 && b > 1)
            {
                break;
            }
            if (b < 0x80)
            {
                return x | (ulong)b << (7 * i);
            }
            x |= (ulong)(b & 0x7F) << (7 * i);
            if (_stream.Exhausted)
            {
                return 0;
            }
        }
        Error ??= $"sample {Read + 1} has a timestamp varint that overflows 64 bits";
        return 0;
    }

    private long ReadVarint()
    {
        var u = ReadUvarint();
        return (long)(u >> 1) ^ -(long)(u & 1);
    }
}
