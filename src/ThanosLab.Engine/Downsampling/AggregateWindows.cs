using System.Runtime.CompilerServices;
using ThanosLab.Engine.Tsdb.Chunkenc;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// Thanos' window arithmetic (downsampling.md): which window a sample falls into, how a batch of
/// samples becomes one aggregate per window, and how many chunks a series is cut into.
/// </summary>
public static class AggregateWindows
{
    /// <summary>Thanos aims at no more than this many windows per aggregate chunk.</summary>
    public const int TargetSamplesPerChunk = 140;

    /// <summary>The inclusive end of the window of resolution <paramref name="resolution"/> that holds <paramref name="t"/>.</summary>
    public static long WindowEnd(long t, long resolution) => t - t % resolution + resolution - 1;

    /// <summary>
    /// Where Thanos ends a raw batch that starts at <paramref name="start"/>: after about
    /// <paramref name="batchSize"/> samples, extended to the end of the last one's window so that no
    /// window is split between two chunks.
    /// </summary>
    public static int BatchEnd(ReadOnlySpan<long> timestamps, int start, int batchSize, long resolution)
    {
        var end = start + Math.Min(batchSize, timestamps.Length - start);
        var windowEnd = WindowEnd(timestamps[end - 1], resolution);
        while (end < timestamps.Length && timestamps[end] <= windowEnd)
        {
            end++;
        }
        return end;
    }

    /// <summary>
    /// Aggregates <paramref name="timestamps"/>/<paramref name="values"/> (one batch, in time order)
    /// into <paramref name="windows"/> as Thanos' float aggregator does: per window count, sum, min and
    /// max, and a counter over the whole batch that starts at its first value and adds all of a value
    /// that is below the one before (a reset). The last window is stamped with the batch's last
    /// timestamp when that comes before the window's end. Returns the last window's timestamp.
    /// </summary>
    /// <remarks>
    /// The reductions are struct locals, which the JIT keeps in registers: the same state in a field of
    /// an object went through memory on every sample, and the loop took three times as long.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Aggregate(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, long resolution, List<AggregateWindow> windows)
    {
        var last = timestamps[^1];
        values = values[..timestamps.Length];
        var counter = default(CounterReduction);
        var sum = default(SumReduction);
        var min = default(MinReduction);
        var max = default(MaxReduction);
        long end = 0;
        var i = 0;
        while (i < timestamps.Length)
        {
            end = Math.Min(WindowEnd(timestamps[i], resolution), last);
            var count = 0;
            sum.StartWindow();
            min.StartWindow();
            max.StartWindow();
            for (; i < timestamps.Length && timestamps[i] <= end; i++)
            {
                var v = values[i];
                counter.Add(v);
                sum.Add(v);
                min.Add(v);
                max.Add(v);
                count++;
            }
            windows.Add(new AggregateWindow(end, count, sum.Result, min.Result, max.Result, counter.Result));
        }
        return end;
    }

    /// <summary>
    /// Folds <paramref name="timestamps"/>/<paramref name="values"/> (one batch, in time order) with
    /// <typeparamref name="TReduction"/> window by window, windowed as <see cref="Aggregate"/> does, and
    /// appends each window's result to the <paramref name="type"/> aggregate of <paramref name="encoder"/>.
    /// Returns the first and last window's timestamp.
    /// </summary>
    /// <remarks>
    /// Re-aggregating one aggregate needs one fold, not all five: this is what 5m -> 1h spends its
    /// time in besides decoding.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (long First, long Last) Reduce<TReduction>(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, long resolution, AggregateType type, AggregateChunkEncoder encoder)
        where TReduction : struct, IWindowReduction
    {
        var last = timestamps[^1];
        values = values[..timestamps.Length];
        var reduction = default(TReduction);
        var first = Math.Min(WindowEnd(timestamps[0], resolution), last);
        long end = 0;
        var i = 0;
        while (i < timestamps.Length)
        {
            end = Math.Min(WindowEnd(timestamps[i], resolution), last);
            reduction.StartWindow();
            for (; i < timestamps.Length && timestamps[i] <= end; i++)
            {
                reduction.Add(values[i]);
            }
            encoder.Append(type, end, reduction.Result);
        }
        return (first, end);
    }

    /// <summary>
    /// How many chunks a series of <paramref name="count"/> samples at <paramref name="inResolution"/>
    /// spanning [<paramref name="minTime"/>, <paramref name="maxTime"/>] becomes at
    /// <paramref name="outResolution"/>: the expected windows, scaled by how densely the input fills
    /// the range, split so that a chunk averages at most 140 windows.
    /// </summary>
    public static int TargetChunkCount(long minTime, long maxTime, long inResolution, long outResolution, int count)
    {
        double maxSamples = (maxTime - minTime) / outResolution;
        var fullness = count / ((double)(maxTime - minTime) / inResolution);
        if (fullness > 1)
        {
            fullness = 1;
        }
        // A zero-length range makes this NaN, which converts to a number far below 140: one chunk, as in Go.
        var expected = (long)(maxSamples * fullness) + 1;
        var chunks = 1;
        while (expected / chunks > TargetSamplesPerChunk)
        {
            chunks++;
        }
        return chunks;
    }
}
