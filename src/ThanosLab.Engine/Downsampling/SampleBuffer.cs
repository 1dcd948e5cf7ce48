using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Chunkenc;

namespace ThanosLab.Engine.Downsampling;

/// <summary>Float samples of one series (or one aggregate) as parallel arrays, grown and reused.</summary>
public sealed class SampleBuffer
{
    private const long StaleNaNBits = 0x7ff0000000000002;

    private long[] _t;
    private double[] _v;

    public SampleBuffer(int capacity = 256)
    {
        _t = new long[capacity];
        _v = new double[capacity];
    }

    public int Count { get; private set; }

    public ReadOnlySpan<long> Timestamps => _t.AsSpan(0, Count);

    public ReadOnlySpan<double> Values => _v.AsSpan(0, Count);

    public void Clear() => Count = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long t, double v)
    {
        EnsureCapacity(Count + 1);
        _t[Count] = t;
        _v[Count] = v;
        Count++;
    }

    /// <summary>
    /// Replaces the samples with those of the XOR chunk <paramref name="chunk"/>, as stored; returns
    /// what is wrong with the chunk, or null.
    /// </summary>
    public string? Decode(ReadOnlySpan<byte> chunk)
    {
        // Straight into the arrays, sized once from the header: this runs for every value a 5m -> 1h pass reads.
        EnsureCapacity(XorChunkDecoder.SampleCount(chunk));
        var decoded = XorChunkDecoder.Decode(chunk, _t, _v);
        Count = decoded.Decoded;
        return decoded.Error;
    }

    public static bool IsStale(double v) => BitConverter.DoubleToInt64Bits(v) == StaleNaNBits;

    /// <summary>
    /// Appends the samples of one decoded chunk the way Thanos expands a chunk before downsampling:
    /// stale markers are dropped and so is any sample older than the one kept before it in this chunk;
    /// equal timestamps are kept (the counter aggregate repeats its last one).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AppendChunk(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
    {
        EnsureCapacity(Count + timestamps.Length);
        long last = 0;
        var n = Count;
        for (var i = 0; i < timestamps.Length; i++)
        {
            var t = timestamps[i];
            var v = values[i];
            if (IsStale(v) || t < last)
            {
                continue;
            }
            _t[n] = t;
            _v[n] = v;
            n++;
            last = t;
        }
        Count = n;
    }

    private void EnsureCapacity(int capacity)
    {
        if (capacity > _t.Length)
        {
            var size = Math.Max(capacity, _t.Length * 2);
            Array.Resize(ref _t, size);
            Array.Resize(ref _v, size);
        }
    }
}
