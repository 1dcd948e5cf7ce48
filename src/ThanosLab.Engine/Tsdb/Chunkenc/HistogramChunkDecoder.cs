using System.Buffers.Binary;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Iterates the samples of a histogram (encoding 2) or float histogram (encoding 3) chunk, the
/// inverse of <see cref="HistogramChunkEncoder"/>. Corrupt input never throws: <see cref="Next"/>
/// returns false and <see cref="Error"/> says why; a layout announcing more spans or buckets than the
/// chunk has bits is corruption, never an allocation.
/// </summary>
public ref struct HistogramChunkDecoder
{
    private readonly ReadOnlySpan<byte> _chunk;
    private readonly bool _floatCounts;
    private BitStreamReader _stream;
    private long _tDelta;
    private XorValue _sum;
    private long _count, _countDelta, _zeroCount, _zeroCountDelta;
    private long[] _buckets;
    private long[] _bucketDeltas;
    private XorValue _floatCount, _floatZeroCount;
    private XorValue[] _floatBuckets;
    private double[] _positive;
    private double[] _negative;

    /// <param name="chunk">The chunk payload as stored: sample count, header byte and bit stream.</param>
    /// <param name="encoding">2 (integer counts) or 3 (float counts).</param>
    public HistogramChunkDecoder(ReadOnlySpan<byte> chunk, byte encoding)
    {
        _chunk = chunk;
        _floatCounts = encoding == HistogramChunkEncoder.FloatHistogramEncoding;
        var hasHeader = chunk.Length >= HistogramChunkEncoder.HeaderBytes;
        _stream = new BitStreamReader(hasHeader ? chunk[HistogramChunkEncoder.HeaderBytes..] : default);
        Count = hasHeader ? BinaryPrimitives.ReadUInt16BigEndian(chunk) : 0;
        Header = hasHeader ? (CounterResetHeader)(chunk[2] & 0b1100_0000) : CounterResetHeader.Unknown;
        Error = hasHeader ? null : $"the chunk is {chunk.Length} bytes, shorter than its 3-byte header";
        if (Error is null && (chunk[2] & 0b0011_1111) != 0)
        {
            Error = $"the header byte 0x{chunk[2]:X2} has bits set besides the two counter-reset bits";
        }
        if (!HistogramChunkEncoder.IsHistogramEncoding(encoding))
        {
            Error = $"encoding {encoding} is not a histogram encoding";
        }
        Read = 0;
        Timestamp = 0;
        Layout = default;
        _tDelta = 0;
        _sum = default;
        _count = _countDelta = _zeroCount = _zeroCountDelta = 0;
        _buckets = _bucketDeltas = Array.Empty<long>();
        _floatCount = _floatZeroCount = default;
        _floatBuckets = Array.Empty<XorValue>();
        _positive = _negative = Array.Empty<double>();
    }

    /// <summary>The sample count from the chunk header.</summary>
    public int Count { get; }

    public CounterResetHeader Header { get; }

    /// <summary>The chunk's layout, read with the first sample.</summary>
    public HistogramChunkLayout Layout { get; private set; }

    /// <summary>Samples decoded so far.</summary>
    public int Read { get; private set; }

    public long Timestamp { get; private set; }

    public string? Error { get; private set; }

    public readonly bool IsStale => BitConverter.DoubleToUInt64Bits(Sum) == HistogramChunkEncoder.StaleNaNBits;

    public readonly double Sum => BitConverter.UInt64BitsToDouble(_sum.Bits);

    public readonly double HistogramCount => _floatCounts ? BitConverter.UInt64BitsToDouble(_floatCount.Bits) : _count;

    public readonly double ZeroCount => _floatCounts ? BitConverter.UInt64BitsToDouble(_floatZeroCount.Bits) : _zeroCount;

    /// <summary>The current sample's absolute positive bucket counts (reused by the next sample).</summary>
    public readonly ReadOnlySpan<double> PositiveBuckets => _positive;

    public readonly ReadOnlySpan<double> NegativeBuckets => _negative;

    /// <summary>Whether the chunk ends where the writer's stream ends (formats.md §5.1, as for XOR chunks).</summary>
    public readonly bool HasExactLength
    {
        get
        {
            var bits = _stream.BitPosition;
            var used = HistogramChunkEncoder.HeaderBytes + (bits + 7) / 8;
            return _chunk.Length == used || (bits % 8 == 0 && _chunk.Length == used + 1);
        }
    }

    public readonly long UsedBytes => HistogramChunkEncoder.HeaderBytes + (_stream.BitPosition + 7) / 8;

    /// <summary>A copy of the current sample, with the hint Prometheus' iterator gives it.</summary>
    public readonly NativeHistogram Current() => new()
    {
        CounterResetHint = Header == CounterResetHeader.Gauge ? CounterResetHint.Gauge : Read > 1 ? CounterResetHint.NotCounterReset : CounterResetHint.Unknown,
        Schema = Layout.Schema,
        ZeroThreshold = Layout.ZeroThreshold,
        Count = HistogramCount,
        ZeroCount = ZeroCount,
        Sum = Sum,
        PositiveSpans = Layout.PositiveSpans,
        PositiveBuckets = (double[])_positive.Clone(),
        NegativeSpans = Layout.NegativeSpans,
        NegativeBuckets = (double[])_negative.Clone(),
    };

    public bool Next()
    {
        if (Error is not null || Read >= Count)
        {
            return false;
        }
        if (Read == 0)
        {
            ReadFirst();
        }
        else
        {
            _tDelta += Varbit.ReadInt(ref _stream);
            Timestamp += _tDelta;
            if (_floatCounts)
            {
                ReadFloatCounts();
            }
            else
            {
                ReadIntegerCounts();
            }
        }
        if (Error is null && _stream.Exhausted)
        {
            Error = $"the bit stream ends inside sample {Read + 1} of the {Count} its header announces";
        }
        if (Error is not null)
        {
            return false;
        }
        Read++;
        return true;
    }

    private void ReadFirst()
    {
        Layout = HistogramChunkLayout.Read(ref _stream, out var layoutError);
        if (layoutError is not null)
        {
            Error = "sample 1: " + layoutError;
            return;
        }
        var positive = BucketLayout.Count(Layout.PositiveSpans);
        var negative = BucketLayout.Count(Layout.NegativeSpans);
        var bitsPerBucket = _floatCounts ? 64 : 1;
        if (positive + negative > _stream.BitsLeft / bitsPerBucket)
        {
            Error = $"sample 1: the spans announce {positive} positive and {negative} negative buckets, more than the {_stream.BitsLeft} bits left can hold";
            return;
        }
        _positive = new double[positive];
        _negative = new double[negative];
        Timestamp = Varbit.ReadInt(ref _stream);
        var buckets = (int)(positive + negative);
        if (_floatCounts)
        {
            // The decoder's windows start at 0/0, as Prometheus' iterator's do.
            _floatCount = new XorValue { Bits = _stream.ReadBits(64) };
            _floatZeroCount = new XorValue { Bits = _stream.ReadBits(64) };
            _sum = new XorValue { Bits = _stream.ReadBits(64) };
            _floatBuckets = new XorValue[buckets];
            for (var i = 0; i < buckets; i++)
            {
                _floatBuckets[i] = new XorValue { Bits = _stream.ReadBits(64) };
            }
            FloatAbsolutes();
            return;
        }
        _count = (long)Varbit.ReadUint(ref _stream);
        _zeroCount = (long)Varbit.ReadUint(ref _stream);
        _sum = new XorValue { Bits = _stream.ReadBits(64) };
        _buckets = new long[buckets];
        _bucketDeltas = new long[buckets];
        for (var i = 0; i < buckets; i++)
        {
            _buckets[i] = Varbit.ReadInt(ref _stream);
        }
        IntegerAbsolutes();
    }

    private void ReadIntegerCounts()
    {
        _countDelta += Varbit.ReadInt(ref _stream);
        _count += _countDelta;
        _zeroCountDelta += Varbit.ReadInt(ref _stream);
        _zeroCount += _zeroCountDelta;
        if (!ReadXor(ref _sum, "sum") || IsStale)
        {
            return;
        }
        for (var i = 0; i < _buckets.Length; i++)
        {
            _bucketDeltas[i] += Varbit.ReadInt(ref _stream);
            _buckets[i] += _bucketDeltas[i];
        }
        IntegerAbsolutes();
    }

    private void ReadFloatCounts()
    {
        if (!ReadXor(ref _floatCount, "count") || !ReadXor(ref _floatZeroCount, "zero count") || !ReadXor(ref _sum, "sum") || IsStale)
        {
            return;
        }
        for (var i = 0; i < _floatBuckets.Length; i++)
        {
            // The name of the bucket is only made for the error: this loop runs for every bucket of every sample.
            if (!_floatBuckets[i].Read(ref _stream))
            {
                Error = XorWindowError($"bucket {i}");
                return;
            }
        }
        FloatAbsolutes();
    }

    private bool ReadXor(ref XorValue value, string what)
    {
        if (value.Read(ref _stream))
        {
            return true;
        }
        Error = XorWindowError(what);
        return false;
    }

    private readonly string XorWindowError(string what) => $"sample {Read + 1} has an XOR window for its {what} of more than 64 bits";

    private readonly void IntegerAbsolutes()
    {
        long current = 0;
        for (var i = 0; i < _positive.Length; i++)
        {
            current += _buckets[i];
            _positive[i] = current;
        }
        current = 0;
        for (var i = 0; i < _negative.Length; i++)
        {
            current += _buckets[_positive.Length + i];
            _negative[i] = current;
        }
    }

    private readonly void FloatAbsolutes()
    {
        for (var i = 0; i < _positive.Length; i++)
        {
            _positive[i] = BitConverter.UInt64BitsToDouble(_floatBuckets[i].Bits);
        }
        for (var i = 0; i < _negative.Length; i++)
        {
            _negative[i] = BitConverter.UInt64BitsToDouble(_floatBuckets[_positive.Length + i].Bits);
        }
    }
}
