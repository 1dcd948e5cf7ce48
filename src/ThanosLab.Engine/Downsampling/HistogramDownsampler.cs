using System.Runtime.InteropServices;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// Thanos' downsampling of native-histogram series (Thanos &gt;= 0.38). An aggregate chunk of such a
/// series holds three aggregates per window: count (XOR) is the number of histograms, sum (a float
/// histogram chunk marked gauge) their sum, counter (a float histogram chunk) the batch's running
/// total with resets applied; min and max are absent, and the counter has no extra first and last
/// samples as a float counter has. Raw histograms are cut into batches as raw floats are; aggregate
/// chunks are grouped as float aggregate chunks are, and their counters and sums aggregated again.
/// Each batch works at its lowest schema.
/// </summary>
public sealed class HistogramDownsampler
{
    private readonly HistogramWindowAggregator _aggregator = new();
    private readonly AggregateChunkEncoder _encoder = new();
    private readonly List<long> _timestamps = new();
    private readonly List<NativeHistogram> _histograms = new();
    private readonly SampleBuffer _counts = new();
    private long _minTime;
    private long _maxTime;

    /// <summary>
    /// Downsamples raw histograms (expanded, in time order: stale markers and samples out of order
    /// already left out) into <paramref name="output"/>.
    /// </summary>
    public void DownsampleRaw(ReadOnlySpan<long> timestamps, IReadOnlyList<NativeHistogram> histograms, long resolution, DownsampledChunks output)
    {
        if (timestamps.Length == 0)
        {
            return;
        }
        var chunks = AggregateWindows.TargetChunkCount(timestamps[0], timestamps[^1], RawDownsampler.AssumedRawInterval, resolution, timestamps.Length);
        var batchSize = timestamps.Length / chunks + 1;
        var start = 0;
        while (start < timestamps.Length)
        {
            var end = AggregateWindows.BatchEnd(timestamps, start, batchSize, resolution);
            _timestamps.Clear();
            _histograms.Clear();
            for (var i = start; i < end; i++)
            {
                // Thanos leaves out histograms whose sum is NaN, as it leaves out NaN floats.
                if (!double.IsNaN(histograms[i].Sum))
                {
                    _timestamps.Add(timestamps[i]);
                    _histograms.Add(histograms[i]);
                }
            }
            start = end;
            if (_timestamps.Count > 0)
            {
                EncodeRawBatch(resolution, output);
            }
        }
    }

    /// <summary>
    /// Downsamples <paramref name="chunks"/> (a series' run of histogram aggregate chunks in time
    /// order, spanning [<paramref name="minTime"/>, <paramref name="maxTime"/>]) from
    /// <paramref name="inResolution"/> to <paramref name="outResolution"/> into <paramref name="output"/>.
    /// </summary>
    public void DownsampleAggregates(IReadOnlyList<AggregateChunkSamples> chunks, long minTime, long maxTime, long inResolution, long outResolution, DownsampledChunks output)
    {
        var windows = chunks.Sum(c => c.WindowCount);
        var target = AggregateWindows.TargetChunkCount(minTime, maxTime, inResolution, outResolution, windows);
        // Thanos divides without rounding up, as for float aggregates.
        var batchSize = Math.Max(1, chunks.Count / target);
        for (var start = 0; start < chunks.Count; start += batchSize)
        {
            EncodeAggregateBatch(chunks, start, Math.Min(batchSize, chunks.Count - start), outResolution, output);
        }
    }

    private void EncodeRawBatch(long resolution, DownsampledChunks output)
    {
        StartChunk();
        // Thanos takes the batch for a gauge histogram when its first histogram is one.
        var gauge = _histograms[0].CounterResetHint == CounterResetHint.Gauge;
        Aggregate(resolution, t =>
        {
            var counter = gauge ? _aggregator.Counter!.WithCounterResetHint(CounterResetHint.Gauge) : _aggregator.Counter!;
            _encoder.AppendHistogram(AggregateType.Counter, t, counter, HeaderOf(counter));
            _encoder.AppendHistogram(AggregateType.Sum, t, _aggregator.Sum!, CounterResetHeader.Gauge);
            _encoder.Append(AggregateType.Count, t, _aggregator.Count);
        });
        output.Add(_encoder, _minTime, _maxTime);
    }

    private void EncodeAggregateBatch(IReadOnlyList<AggregateChunkSamples> chunks, int start, int count, long resolution, DownsampledChunks output)
    {
        StartChunk();
        if (Expand(chunks, start, count, AggregateType.Counter))
        {
            Aggregate(resolution, t => _encoder.AppendHistogram(AggregateType.Counter, t, _aggregator.Counter!, HeaderOf(_aggregator.Counter!)));
        }
        if (!Expand(chunks, start, count, AggregateType.Sum))
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "NoHistogramSum",
                $"Histogram aggregate chunks {start} to {start + count - 1} of the series hold no sum aggregate, so no downsampled chunk can be made of them (Thanos would write an empty chunk).",
                null, "Check the source block with Test-ThanosBlock.");
        }
        Aggregate(resolution, t => _encoder.AppendHistogram(AggregateType.Sum, t, _aggregator.Sum!, CounterResetHeader.Gauge));

        // The count aggregate is re-aggregated by its sum, as for floats.
        if (AggregateDownsampler.Reaggregate(chunks, start, count, AggregateType.Count, resolution, _counts, _encoder) is { } written)
        {
            Track(written.First);
            Track(written.Last);
        }
        output.Add(_encoder, _minTime, _maxTime);
    }

    private void StartChunk()
    {
        _encoder.Reset();
        _minTime = long.MaxValue;
        _maxTime = long.MinValue;
    }

    private void Track(long t)
    {
        _minTime = Math.Min(_minTime, t);
        _maxTime = Math.Max(_maxTime, t);
    }

    // The expansion rule of every chunk: no stale marker, nothing older than the sample kept before in that chunk.
    private bool Expand(IReadOnlyList<AggregateChunkSamples> chunks, int start, int count, AggregateType type)
    {
        _timestamps.Clear();
        _histograms.Clear();
        for (var i = start; i < start + count; i++)
        {
            long last = 0;
            foreach (var (t, h) in chunks[i].Histograms(type))
            {
                if (!SampleBuffer.IsStale(h.Sum) && t >= last)
                {
                    _timestamps.Add(t);
                    _histograms.Add(h);
                    last = t;
                }
            }
        }
        return _timestamps.Count > 0;
    }

    // Thanos' downsampleBatch over the histograms in _timestamps/_histograms: a window closes at its
    // end or at the batch's last timestamp, whichever comes first.
    private void Aggregate(long resolution, Action<long> windowClosed)
    {
        var schema = int.MaxValue;
        foreach (var h in _histograms)
        {
            schema = Math.Min(schema, h.Schema);
        }
        _aggregator.StartBatch(schema);
        var timestamps = CollectionsMarshal.AsSpan(_timestamps);
        var last = timestamps[^1];
        long end = 0;
        var open = false;
        for (var i = 0; i < timestamps.Length; i++)
        {
            if (!open || timestamps[i] > end)
            {
                if (open)
                {
                    Close(end);
                }
                _aggregator.StartWindow();
                end = Math.Min(AggregateWindows.WindowEnd(timestamps[i], resolution), last);
                open = true;
            }
            _aggregator.Add(_histograms[i]);
        }
        Close(end);

        void Close(long t)
        {
            windowClosed(t);
            Track(t);
        }
    }

    // Prometheus' appender starts a chunk with the first histogram's hint: gauge, a reset, or (as the
    // chunk follows itself) no reset.
    private static CounterResetHeader HeaderOf(NativeHistogram first) => first.CounterResetHint switch
    {
        CounterResetHint.Gauge => CounterResetHeader.Gauge,
        CounterResetHint.CounterReset => CounterResetHeader.CounterReset,
        _ => CounterResetHeader.NotCounterReset,
    };
}
