using System.Runtime.CompilerServices;

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
    /// The running aggregates are locals of one loop per window: kept in a struct's fields, they went
    /// through memory on every sample, and the loop took three times as long.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Aggregate(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, long resolution, List<AggregateWindow> windows)
    {
        var last = timestamps[^1];
        values = values[..timestamps.Length];
        double counter = 0, previous = 0;
        long end = 0;
        var i = 0;
        while (i < timestamps.Length)
        {
            end = Math.Min(WindowEnd(timestamps[i], resolution), last);
            var count = 0;
            double sum = 0, min = double.MaxValue, max = -double.MaxValue;
            for (; i < timestamps.Length && timestamps[i] <= end; i++)
            {
                var v = values[i];
                if (i == 0)
                {
                    counter = v;
                }
                else if (v < previous)
                {
                    counter += v;
                }
                else
                {
                    counter += v - previous;
                }
                previous = v;
                sum += v;
                count++;
                if (v < min)
                {
                    min = v;
                }
                if (v > max)
                {
                    max = v;
                }
            }
            windows.Add(new AggregateWindow(end, count, sum, min, max, counter));
        }
        return end;
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
