using ThanosLab.Engine.Downsampling;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Series;

/// <summary>
/// <c>promtool tsdb dump</c> as data: the series of a block that a selector matches, in label-set
/// order, with their samples in [start, end] (inclusive, ms). Raw chunks give their samples,
/// aggregate chunks one sample per window (a native-histogram series' with its sum and counter
/// histograms), native-histogram chunks their histograms; chunks outside the range are not decoded.
/// One series is held at a time.
/// </summary>
public static class BlockSeriesReader
{
    public static IEnumerable<SeriesSamples> Read(BlockReader reader, SeriesSelector selector, long start, long end)
    {
        var buffers = new Buffers();
        foreach (var series in reader.Series())
        {
            if (selector.Matches(series.Labels) && ReadSeries(reader, series, start, end, buffers) is { } samples)
            {
                yield return samples;
            }
        }
    }

    private sealed class Buffers
    {
        public readonly long[] Timestamps = new long[XorChunkEncoder.MaxSamples];
        public readonly double[] Values = new double[XorChunkEncoder.MaxSamples];
        public readonly AggregateChunkSamples Aggregates = new();
    }

    private static SeriesSamples? ReadSeries(BlockReader reader, BlockSeries series, long start, long end, Buffers buffers)
    {
        var raw = new List<(long, double)>();
        var windows = new List<AggregateSample>();
        var histograms = new List<(long, NativeHistogram)>();
        foreach (var chunk in series.Chunks)
        {
            if (chunk.MaxTime < start || chunk.MinTime > end)
            {
                continue;
            }
            var record = reader.ReadRecord(chunk);
            if (record.Encoding == AggregateChunkEncoder.Encoding)
            {
                var problem = buffers.Aggregates.Load(record.Data, chunk.MinTime, chunk.MaxTime);
                if (problem is not null)
                {
                    throw new BlockIssue(record.Segment, record.Offset, series.Labels.ToString(), $"aggregate chunk {chunk.Ref}: {problem}").ToException(reader.Path);
                }
                Windows(buffers.Aggregates, start, end, windows);
                continue;
            }
            if (HistogramChunkEncoder.IsHistogramEncoding(record.Encoding))
            {
                var decoder = new HistogramChunkDecoder(record.Data, record.Encoding);
                while (decoder.Next())
                {
                    if (decoder.Timestamp >= start && decoder.Timestamp <= end && !decoder.IsStale)
                    {
                        histograms.Add((decoder.Timestamp, decoder.Current()));
                    }
                }
                if (decoder.Error is not null)
                {
                    throw new BlockIssue(record.Segment, record.Offset, series.Labels.ToString(), $"histogram chunk {chunk.Ref}: {decoder.Error}").ToException(reader.Path);
                }
                continue;
            }
            var n = reader.ReadChunk(chunk, buffers.Timestamps, buffers.Values);
            for (var i = 0; i < n; i++)
            {
                if (buffers.Timestamps[i] >= start && buffers.Timestamps[i] <= end)
                {
                    raw.Add((buffers.Timestamps[i], buffers.Values[i]));
                }
            }
        }
        return raw.Count > 0 || windows.Count > 0 || histograms.Count > 0
            ? new SeriesSamples(series.Labels, DownsampleResolution.Of(reader.Meta), raw, windows, histograms.Count > 0 ? histograms : null)
            : null;
    }

    /// <summary>
    /// Appends the windows of one decoded aggregate chunk that lie in [<paramref name="start"/>, <paramref name="end"/>]:
    /// a float series' aggregates as numbers, a native-histogram series' sum and counter as histograms.
    /// </summary>
    public static void Windows(AggregateChunkSamples samples, long start, long end, List<AggregateSample> windows)
    {
        var count = samples.Samples(AggregateType.Count);
        // A float series' counter holds the chunk's first raw sample, one value per window, and the last raw value again;
        // a native-histogram series' one histogram per window.
        var counter = samples.Samples(AggregateType.Counter);
        var counterPerWindow = samples.IsPresent(AggregateType.Counter) && counter.Count == count.Count + 2;
        for (var i = 0; i < count.Count; i++)
        {
            var t = count.Timestamps[i];
            if (t < start || t > end)
            {
                continue;
            }
            windows.Add(new AggregateSample(t, count.Values[i], At(samples, AggregateType.Sum, i, t), At(samples, AggregateType.Min, i, t),
                At(samples, AggregateType.Max, i, t), counterPerWindow ? counter.Values[i + 1] : null,
                HistogramAt(samples, AggregateType.Sum, i, t), HistogramAt(samples, AggregateType.Counter, i, t)));
        }
    }

    private static double? At(AggregateChunkSamples samples, AggregateType type, int i, long t)
    {
        var s = samples.Samples(type);
        return samples.IsPresent(type) && i < s.Count && s.Timestamps[i] == t ? s.Values[i] : null;
    }

    private static NativeHistogram? HistogramAt(AggregateChunkSamples samples, AggregateType type, int i, long t)
    {
        var h = samples.Histograms(type);
        return i < h.Count && h[i].Timestamp == t ? h[i].Histogram : null;
    }
}
