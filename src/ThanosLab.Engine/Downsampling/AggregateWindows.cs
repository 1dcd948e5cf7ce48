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
    /// into <paramref name="windows"/>; the last window is stamped with the batch's last timestamp
    /// when that comes before the window's end. Returns the last window's timestamp.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Aggregate(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, long resolution, List<AggregateWindow> windows)
    {
        var last = timestamps[^1];
        var state = new WindowAggregator();
        long end = 0;
        var open = false;
        for (var i = 0; i < timestamps.Length; i++)
        {
            if (!open || timestamps[i] > end)
            {
                if (open)
                {
                    windows.Add(state.Close(end));
                }
                state.StartWindow();
                end = Math.Min(WindowEnd(timestamps[i], resolution), last);
                open = true;
            }
            state.Add(values[i]);
        }
        if (open)
        {
            windows.Add(state.Close(end));
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

    /// <summary>Thanos' float aggregator: per-window count/sum/min/max and the series-long counter.</summary>
    private struct WindowAggregator
    {
        private int _total;
        private int _count;
        private double _sum;
        private double _min;
        private double _max;
        private double _counter;
        private double _last;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void StartWindow()
        {
            _count = 0;
            _sum = 0;
            _min = double.MaxValue;
            _max = -double.MaxValue;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(double v)
        {
            if (_total == 0)
            {
                _counter = v;
            }
            else if (v < _last)
            {
                // A counter reset: the counter restarted from zero, so all of v is new.
                _counter += v;
            }
            else
            {
                _counter += v - _last;
            }
            _last = v;
            _sum += v;
            _count++;
            _total++;
            if (v < _min)
            {
                _min = v;
            }
            if (v > _max)
            {
                _max = v;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly AggregateWindow Close(long timestamp) => new(timestamp, _count, _sum, _min, _max, _counter);
    }
}
