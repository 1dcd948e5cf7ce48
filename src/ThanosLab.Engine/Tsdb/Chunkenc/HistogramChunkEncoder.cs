using System.Buffers.Binary;
using ThanosLab.Engine.Tsdb.Buffers;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Tsdb.Chunkenc;

/// <summary>
/// Appends native-histogram samples to one chunk as Prometheus 2.42's appenders do, byte for byte:
/// the histogram chunk (encoding 2: integer counts as delta-of-deltas of varbit integers, buckets
/// delta-encoded against their neighbour) or the float histogram chunk (encoding 3: every count
/// XOR-encoded). A 3-byte header holds the sample count and the counter-reset bits; the first sample
/// writes the layout, which every later sample must fill exactly (widen it by re-encoding, as
/// Prometheus' Recode does). Reusable: <see cref="Reset"/> starts a new chunk.
/// </summary>
public sealed class HistogramChunkEncoder
{
    public const byte HistogramEncoding = 2;
    public const byte FloatHistogramEncoding = 3;
    public const int HeaderBytes = 3;
    public const int MaxSamples = ushort.MaxValue;

    /// <summary>Prometheus' stale marker; it is never generated here.</summary>
    public const ulong StaleNaNBits = 0x7ff0000000000002;

    private readonly BitStreamWriter _stream = new();
    private long _t;
    private long _tDelta;
    private XorValue _sum;

    // Integer chunks: counts and the neighbour-delta-encoded buckets, with their last deltas.
    private long _count, _countDelta, _zeroCount, _zeroCountDelta;
    private long[] _buckets = Array.Empty<long>();
    private long[] _bucketDeltas = Array.Empty<long>();

    // Float chunks: every count XOR-encoded against its previous value.
    private XorValue _floatCount, _floatZeroCount;
    private XorValue[] _floatBuckets = Array.Empty<XorValue>();

    /// <summary>Whether a chunk of <paramref name="encoding"/> holds native histograms (integer or float counts).</summary>
    public static bool IsHistogramEncoding(byte encoding) => encoding is HistogramEncoding or FloatHistogramEncoding;

    public HistogramChunkEncoder(bool floatCounts)
    {
        FloatCounts = floatCounts;
        Reset(CounterResetHeader.Unknown);
    }

    public bool FloatCounts { get; }

    public byte Encoding => FloatCounts ? FloatHistogramEncoding : HistogramEncoding;

    public int Count { get; private set; }

    public long MinTime { get; private set; }

    public long MaxTime => _t;

    public HistogramChunkLayout Layout { get; private set; }

    public CounterResetHeader Header => (CounterResetHeader)(_stream.Bytes[2] & 0b1100_0000);

    /// <summary>The chunk payload as stored on disk (without length, encoding byte or CRC).</summary>
    public ReadOnlySpan<byte> Bytes => _stream.Bytes;

    public void Reset(CounterResetHeader header)
    {
        _stream.Reset(HeaderBytes);
        _stream.Bytes[2] = (byte)header;
        Count = 0;
        _t = 0;
        _tDelta = 0;
    }

    public void Append(long t, NativeHistogram h)
    {
        if (Count == MaxSamples)
        {
            throw new InvalidOperationException($"A histogram chunk holds at most {MaxSamples} samples.");
        }
        if (BitConverter.DoubleToUInt64Bits(h.Sum) == StaleNaNBits)
        {
            throw new ArgumentException("Stale markers are not written into histogram chunks here.", nameof(h));
        }
        if (Count == 0)
        {
            AppendFirst(t, h);
        }
        else
        {
            CheckFits(h);
            var tDelta = t - _t;
            Varbit.WriteInt(_stream, tDelta - _tDelta);
            _tDelta = tDelta;
            if (FloatCounts)
            {
                AppendFloatCounts(h);
            }
            else
            {
                AppendIntegerCounts(h);
            }
        }
        _t = t;
        Count++;
        BinaryPrimitives.WriteUInt16BigEndian(_stream.Bytes, (ushort)Count);
    }

    private void AppendFirst(long t, NativeHistogram h)
    {
        Layout = new HistogramChunkLayout(h.Schema, h.ZeroThreshold, h.PositiveSpans, h.NegativeSpans);
        CheckFits(h);
        Layout.Write(_stream);
        MinTime = t;
        Varbit.WriteInt(_stream, t);
        var buckets = h.PositiveBuckets.Length + h.NegativeBuckets.Length;
        if (FloatCounts)
        {
            _floatCount = WriteFirst(h.Count);
            _floatZeroCount = WriteFirst(h.ZeroCount);
            _sum = WriteFirst(h.Sum);
            _floatBuckets = new XorValue[buckets];
            var i = 0;
            foreach (var b in h.PositiveBuckets.Concat(h.NegativeBuckets))
            {
                _floatBuckets[i++] = WriteFirst(b);
            }
            return;
        }
        _count = Whole(h.Count, "count");
        _zeroCount = Whole(h.ZeroCount, "zero count");
        Varbit.WriteUint(_stream, (ulong)_count);
        Varbit.WriteUint(_stream, (ulong)_zeroCount);
        _sum = WriteFirst(h.Sum);
        _countDelta = 0;
        _zeroCountDelta = 0;
        _buckets = new long[buckets];
        _bucketDeltas = new long[buckets];
        NeighbourDeltas(h.PositiveBuckets, _buckets.AsSpan(0, h.PositiveBuckets.Length));
        NeighbourDeltas(h.NegativeBuckets, _buckets.AsSpan(h.PositiveBuckets.Length));
        foreach (var d in _buckets)
        {
            Varbit.WriteInt(_stream, d);
        }
    }

    private void AppendIntegerCounts(NativeHistogram h)
    {
        var count = Whole(h.Count, "count");
        var zeroCount = Whole(h.ZeroCount, "zero count");
        var countDelta = count - _count;
        var zeroCountDelta = zeroCount - _zeroCount;
        Varbit.WriteInt(_stream, countDelta - _countDelta);
        Varbit.WriteInt(_stream, zeroCountDelta - _zeroCountDelta);
        (_count, _countDelta, _zeroCount, _zeroCountDelta) = (count, countDelta, zeroCount, zeroCountDelta);
        _sum.Write(_stream, BitConverter.DoubleToUInt64Bits(h.Sum));
        Span<long> current = _buckets.Length <= 256 ? stackalloc long[_buckets.Length] : new long[_buckets.Length];
        NeighbourDeltas(h.PositiveBuckets, current[..h.PositiveBuckets.Length]);
        NeighbourDeltas(h.NegativeBuckets, current[h.PositiveBuckets.Length..]);
        for (var i = 0; i < current.Length; i++)
        {
            var delta = current[i] - _buckets[i];
            Varbit.WriteInt(_stream, delta - _bucketDeltas[i]);
            _bucketDeltas[i] = delta;
            _buckets[i] = current[i];
        }
    }

    private void AppendFloatCounts(NativeHistogram h)
    {
        _floatCount.Write(_stream, BitConverter.DoubleToUInt64Bits(h.Count));
        _floatZeroCount.Write(_stream, BitConverter.DoubleToUInt64Bits(h.ZeroCount));
        _sum.Write(_stream, BitConverter.DoubleToUInt64Bits(h.Sum));
        var i = 0;
        foreach (var b in h.PositiveBuckets)
        {
            _floatBuckets[i++].Write(_stream, BitConverter.DoubleToUInt64Bits(b));
        }
        foreach (var b in h.NegativeBuckets)
        {
            _floatBuckets[i++].Write(_stream, BitConverter.DoubleToUInt64Bits(b));
        }
    }

    private XorValue WriteFirst(double v)
    {
        var bits = BitConverter.DoubleToUInt64Bits(v);
        _stream.WriteBits(bits, 64);
        return XorValue.First(bits);
    }

    // Prometheus' integer histograms hold each bucket as the difference to the bucket before it.
    private static void NeighbourDeltas(double[] absolute, Span<long> into)
    {
        long previous = 0;
        for (var i = 0; i < absolute.Length; i++)
        {
            var v = Whole(absolute[i], "bucket count");
            into[i] = v - previous;
            previous = v;
        }
    }

    private static long Whole(double v, string what) =>
        v >= 0 && v <= (1L << 53) && Math.Floor(v) == v
            ? (long)v
            : throw new ArgumentException($"An integer histogram's {what} must be a whole number from 0 to 2^53; {v} is not.");

    private void CheckFits(NativeHistogram h)
    {
        if (h.PositiveBuckets.Length != BucketLayout.Count(Layout.PositiveSpans) || h.NegativeBuckets.Length != BucketLayout.Count(Layout.NegativeSpans))
        {
            throw new ArgumentException(
                $"The histogram has {h.PositiveBuckets.Length} positive and {h.NegativeBuckets.Length} negative buckets, but the chunk's layout has {BucketLayout.Count(Layout.PositiveSpans)} and {BucketLayout.Count(Layout.NegativeSpans)}.",
                nameof(h));
        }
    }
}
