using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Chunkenc;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// Thanos' <c>downsampleAggr</c> for float series: the aggregate chunks of one series, already at a
/// resolution, become aggregate chunks of a coarser one. The chunks are grouped into batches of
/// equal chunk count; per batch, counts are summed (the count aggregate is re-aggregated by its sum),
/// sums summed, the min of mins and the max of maxes taken, and the counter rebuilt from the
/// counters with resets applied, again starting at its first point and repeating its last raw value.
/// </summary>
public sealed class AggregateDownsampler
{
    // The aggregates re-aggregated window by window; the counter is rebuilt on its own.
    private static readonly AggregateType[] WindowAggregates = { AggregateType.Count, AggregateType.Sum, AggregateType.Min, AggregateType.Max };

    private readonly SampleBuffer _buffer = new();
    private readonly List<SampleBuffer> _counters = new();
    private readonly AggregateChunkEncoder _encoder = new();

    /// <summary>
    /// Downsamples <paramref name="chunks"/> (the series' chunks in time order, spanning
    /// [<paramref name="minTime"/>, <paramref name="maxTime"/>]) from <paramref name="inResolution"/>
    /// to <paramref name="outResolution"/> into <paramref name="output"/>.
    /// </summary>
    public void Downsample(IReadOnlyList<AggregateChunkSamples> chunks, long minTime, long maxTime, long inResolution, long outResolution, DownsampledChunks output)
    {
        var windows = chunks.Sum(c => c.WindowCount);
        Downsample(chunks, outResolution, AggregateWindows.TargetChunkCount(minTime, maxTime, inResolution, outResolution, windows), output);
    }

    /// <summary>As the public overload with the chunk count given.</summary>
    internal void Downsample(IReadOnlyList<AggregateChunkSamples> chunks, long resolution, int targetChunks, DownsampledChunks output)
    {
        // Thanos divides without rounding up; with fewer chunks than targets it would never advance.
        var batchSize = Math.Max(1, chunks.Count / targetChunks);
        for (var start = 0; start < chunks.Count; start += batchSize)
        {
            var count = Math.Min(batchSize, chunks.Count - start);
            EncodeBatch(chunks, start, count, resolution, output);
        }
    }

    /// <summary>
    /// Re-aggregates the float aggregate <paramref name="type"/> of <paramref name="count"/> chunks from
    /// <paramref name="start"/> into windows of <paramref name="resolution"/> appended to <paramref name="encoder"/>:
    /// counts and sums by their sum, mins by their min, maxes by their max. Returns the first and last
    /// window's timestamp, or null when none of the chunks holds that aggregate's samples.
    /// </summary>
    internal static (long First, long Last)? Reaggregate(IReadOnlyList<AggregateChunkSamples> chunks, int start, int count, AggregateType type, long resolution,
        SampleBuffer buffer, AggregateChunkEncoder encoder)
    {
        buffer.Clear();
        for (var i = start; i < start + count; i++)
        {
            if (chunks[i].IsPresent(type))
            {
                var samples = chunks[i].Samples(type);
                buffer.AppendChunk(samples.Timestamps, samples.Values);
            }
        }
        if (buffer.Count == 0)
        {
            return null;
        }
        var t = buffer.Timestamps;
        var v = buffer.Values;
        return type switch
        {
            AggregateType.Min => AggregateWindows.Reduce<MinReduction>(t, v, resolution, type, encoder),
            AggregateType.Max => AggregateWindows.Reduce<MaxReduction>(t, v, resolution, type, encoder),
            _ => AggregateWindows.Reduce<SumReduction>(t, v, resolution, type, encoder),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EncodeBatch(IReadOnlyList<AggregateChunkSamples> chunks, int start, int count, long resolution, DownsampledChunks output)
    {
        _encoder.Reset();
        long minTime = long.MaxValue, maxTime = long.MinValue;
        void Track(long t)
        {
            minTime = Math.Min(minTime, t);
            maxTime = Math.Max(maxTime, t);
        }

        // Thanos lets an absent aggregate pull the chunk's MinTime to 0; here only written windows count.
        foreach (var type in WindowAggregates)
        {
            if (Reaggregate(chunks, start, count, type, resolution, _buffer, _encoder) is { } written)
            {
                Track(written.First);
                Track(written.Last);
            }
        }

        _counters.Clear();
        for (var i = start; i < start + count; i++)
        {
            if (chunks[i].IsPresent(AggregateType.Counter))
            {
                _counters.Add(chunks[i].Samples(AggregateType.Counter));
            }
        }
        var counter = new CounterResetIterator(_counters);
        _buffer.Clear();
        long last = 0;
        while (counter.Next())
        {
            // The expansion rule of every chunk: nothing older than the sample kept before.
            if (counter.Timestamp >= last && !SampleBuffer.IsStale(counter.Total))
            {
                _buffer.Add(counter.Timestamp, counter.Total);
                last = counter.Timestamp;
            }
        }
        if (_buffer.Count > 0)
        {
            _encoder.Append(AggregateType.Counter, _buffer.Timestamps[0], _buffer.Values[0]);
            var written = AggregateWindows.Reduce<CounterReduction>(_buffer.Timestamps, _buffer.Values, resolution, AggregateType.Counter, _encoder);
            Track(written.First);
            Track(written.Last);
            _encoder.Append(AggregateType.Counter, written.Last, counter.LastValue);
        }

        if (minTime == long.MaxValue)
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "EmptyAggregateChunks",
                $"Chunks {start} to {start + count - 1} of the series hold no aggregate samples, so no downsampled chunk can be made of them (Thanos fails the same way).",
                null, "Check the source block with Test-ThanosBlock.");
        }
        output.Add(_encoder, minTime, maxTime);
    }
}
