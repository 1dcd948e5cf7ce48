using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Chunkenc;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// Thanos' <c>DownsampleRaw</c> for float series: the raw samples of one series become aggregate
/// chunks of one resolution. The series is cut into batches of about equal size, each extended to
/// the end of its last window; NaN samples are left out of the aggregates; each batch becomes one
/// chunk whose counter starts with the batch's first raw sample and ends by repeating its last raw
/// value at the last window's timestamp, so that a reader can see resets across chunks.
/// </summary>
public sealed class RawDownsampler
{
    /// <summary>Thanos sizes raw→downsampled chunks as if raw data came once a minute.</summary>
    public const long AssumedRawInterval = 60_000;

    private readonly SampleBuffer _batch = new();
    private readonly List<AggregateWindow> _windows = new();
    private readonly AggregateChunkEncoder _encoder = new();

    /// <summary>Downsamples <paramref name="samples"/> (expanded, in time order) into <paramref name="output"/>.</summary>
    public void Downsample(SampleBuffer samples, long resolution, DownsampledChunks output)
    {
        if (samples.Count == 0)
        {
            return;
        }
        var t = samples.Timestamps;
        Downsample(samples, resolution, AggregateWindows.TargetChunkCount(t[0], t[^1], AssumedRawInterval, resolution, samples.Count), output);
    }

    /// <summary>As <see cref="Downsample(SampleBuffer, long, DownsampledChunks)"/> with the chunk count given.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Downsample(SampleBuffer samples, long resolution, int chunks, DownsampledChunks output)
    {
        var t = samples.Timestamps;
        var v = samples.Values;
        var batchSize = t.Length / chunks + 1;
        var start = 0;
        while (start < t.Length)
        {
            var end = AggregateWindows.BatchEnd(t, start, batchSize, resolution);
            var batchT = t[start..end];
            var batchV = v[start..end];
            // Only a batch with NaN samples is copied, to leave them out.
            if (HasNaN(batchV))
            {
                _batch.Clear();
                for (var i = 0; i < batchT.Length; i++)
                {
                    if (!double.IsNaN(batchV[i]))
                    {
                        _batch.Add(batchT[i], batchV[i]);
                    }
                }
                batchT = _batch.Timestamps;
                batchV = _batch.Values;
            }
            start = end;
            if (batchT.Length > 0)
            {
                EncodeBatch(batchT, batchV, resolution, output);
            }
        }
    }

    private static bool HasNaN(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                return true;
            }
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeBatch(ReadOnlySpan<long> t, ReadOnlySpan<double> v, long resolution, DownsampledChunks output)
    {
        _encoder.Reset();
        _windows.Clear();
        _encoder.Append(AggregateType.Counter, t[0], v[0]);
        var last = AggregateWindows.Aggregate(t, v, resolution, _windows);
        foreach (var w in _windows)
        {
            _encoder.Append(AggregateType.Count, w.Timestamp, w.Count);
            _encoder.Append(AggregateType.Sum, w.Timestamp, w.Sum);
            _encoder.Append(AggregateType.Min, w.Timestamp, w.Min);
            _encoder.Append(AggregateType.Max, w.Timestamp, w.Max);
            _encoder.Append(AggregateType.Counter, w.Timestamp, w.Counter);
        }
        _encoder.Append(AggregateType.Counter, last, v[^1]);
        output.Add(_encoder, _windows[0].Timestamp, _windows[^1].Timestamp);
    }
}
