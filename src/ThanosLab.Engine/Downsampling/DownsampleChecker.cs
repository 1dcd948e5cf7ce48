using System.Globalization;
using ThanosLab.Engine.Series;
using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// Checks a downsampled block against its source: every series is downsampled again from the
/// source (in memory, series by series) and its windows — timestamp, count, sum, min, max and
/// counter, or a native-histogram series' count and sum and counter histograms — compared bit for
/// bit with the block's (see <see cref="HistogramDifferences"/>). Chunk boundaries are not compared, only windows.
/// </summary>
public static class DownsampleChecker
{
    /// <summary>Differences beyond this many are counted, not listed.</summary>
    public const int MaxDifferences = 100;

    /// <summary>The resolution a block of <paramref name="resolution"/> is made from.</summary>
    public static long SourceResolution(long resolution) => resolution switch
    {
        DownsampleResolution.FiveMinutes => DownsampleResolution.Raw,
        DownsampleResolution.OneHour => DownsampleResolution.FiveMinutes,
        _ => throw new ThanosLabException(ErrorKind.InvalidArgument, "NotDownsampled",
            $"Resolution {DownsampleResolution.Name(resolution)} is not one the compactor writes; only 5m and 1h blocks are checked.", resolution),
    };

    /// <summary>
    /// The block among <paramref name="candidates"/> (whose meta.json <paramref name="metaOf"/> gives, null when
    /// unreadable) that <paramref name="downsampled"/> was made from: one step coarser in resolution and with
    /// the same compaction sources.
    /// </summary>
    public static T? FindSource<T>(BlockMeta downsampled, IEnumerable<T> candidates, Func<T, BlockMeta?> metaOf) where T : class
    {
        var resolution = SourceResolution(DownsampleResolution.Of(downsampled));
        var sources = downsampled.Compaction.Sources.ToHashSet();
        return candidates.FirstOrDefault(c => metaOf(c) is { } m && DownsampleResolution.Of(m) == resolution && m.Compaction.Sources.ToHashSet().SetEquals(sources));
    }

    public static DownsampleCheck Check(string downsampledPath, string sourcePath, CancellationToken cancellation = default)
    {
        using var block = BlockReader.Open(downsampledPath);
        using var source = BlockReader.Open(sourcePath);
        var resolution = DownsampleResolution.Of(block.Meta);
        if (SourceResolution(resolution) != DownsampleResolution.Of(source.Meta))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "WrongDownsampleSource",
                $"Block {source.Meta.Id} has resolution {DownsampleResolution.Name(DownsampleResolution.Of(source.Meta))}; a {DownsampleResolution.Name(resolution)} block is made from {DownsampleResolution.Name(SourceResolution(resolution))} blocks.",
                sourcePath, "Give the block the downsampled block was made from (the one with the same compaction sources).");
        }
        var differences = new List<DownsampleDifference>();
        var dropped = 0;
        void Differ(LabelSet series, long? t, string message)
        {
            if (differences.Count < MaxDifferences)
            {
                differences.Add(new DownsampleDifference(series.ToString(), t, message));
            }
            else
            {
                dropped++;
            }
        }

        var downsampler = new BlockDownsampler();
        var recomputed = new DownsampledChunks();
        var samples = new AggregateChunkSamples();
        var expected = new List<AggregateSample>();
        var actual = new List<AggregateSample>();
        var warnings = new List<string>();
        long series = 0, windows = 0;
        using var actualSeries = block.Series().GetEnumerator();
        var hasActual = actualSeries.MoveNext();
        foreach (var s in source.Series())
        {
            cancellation.ThrowIfCancellationRequested();
            while (hasActual && actualSeries.Current.Labels.CompareTo(s.Labels) < 0)
            {
                Differ(actualSeries.Current.Labels, null, "the series is in the downsampled block but not in the source");
                hasActual = actualSeries.MoveNext();
            }
            downsampler.DownsampleSeries(source, s, resolution, recomputed, warnings);
            expected.Clear();
            for (var i = 0; i < recomputed.Count; i++)
            {
                samples.Load(recomputed.Payload(i), recomputed.Metas[i].MinTime, recomputed.Metas[i].MaxTime);
                BlockSeriesReader.Windows(samples, long.MinValue, long.MaxValue, expected);
            }
            if (!hasActual || !actualSeries.Current.Labels.Equals(s.Labels))
            {
                if (expected.Count > 0)
                {
                    Differ(s.Labels, null, $"the series is missing from the downsampled block ({expected.Count} windows expected)");
                }
                continue;
            }
            actual.Clear();
            foreach (var chunk in actualSeries.Current.Chunks)
            {
                var record = block.ReadRecord(chunk);
                var problem = samples.Load(record.Data, chunk.MinTime, chunk.MaxTime);
                if (problem is not null)
                {
                    throw new BlockIssue(record.Segment, record.Offset, s.Labels.ToString(), $"aggregate chunk {chunk.Ref}: {problem}").ToException(downsampledPath);
                }
                BlockSeriesReader.Windows(samples, long.MinValue, long.MaxValue, actual);
            }
            Compare(s.Labels, expected, actual, Differ);
            series++;
            windows += actual.Count;
            hasActual = actualSeries.MoveNext();
        }
        while (hasActual)
        {
            Differ(actualSeries.Current.Labels, null, "the series is in the downsampled block but not in the source");
            hasActual = actualSeries.MoveNext();
        }
        if (dropped > 0)
        {
            differences.Add(new DownsampleDifference("", null, $"{dropped} more differences were found and not listed"));
        }
        return new DownsampleCheck(downsampledPath, block.Meta, sourcePath, source.Meta, differences, series, windows);
    }

    /// <summary>Reports each way <paramref name="actual"/>'s windows differ from <paramref name="expected"/>'s to <paramref name="differ"/>.</summary>
    internal static void Compare(LabelSet series, List<AggregateSample> expected, List<AggregateSample> actual, Action<LabelSet, long?, string> differ)
    {
        var n = Math.Min(expected.Count, actual.Count);
        for (var i = 0; i < n; i++)
        {
            var e = expected[i];
            var a = actual[i];
            if (e.Timestamp != a.Timestamp)
            {
                differ(series, a.Timestamp, $"window {i + 1} is stamped {a.Timestamp}; the source gives {e.Timestamp} (later windows not compared)");
                return;
            }
            foreach (var (name, want, got) in new[] { ("count", e.Count, a.Count), ("sum", e.Sum, a.Sum), ("min", e.Min, a.Min), ("max", e.Max, a.Max), ("counter", e.Counter, a.Counter) })
            {
                if (!SameBits(want, got))
                {
                    differ(series, a.Timestamp, string.Create(CultureInfo.InvariantCulture, $"{name} is {Text(got)}; the source gives {Text(want)}"));
                }
            }
            foreach (var (name, want, got) in new[] { ("sum histogram", e.SumHistogram, a.SumHistogram), ("counter histogram", e.CounterHistogram, a.CounterHistogram) })
            {
                foreach (var difference in HistogramDifferences.Of(name, want, got))
                {
                    differ(series, a.Timestamp, difference);
                }
            }
        }
        if (expected.Count != actual.Count)
        {
            differ(series, null, $"the block has {actual.Count} windows; the source gives {expected.Count}");
        }
    }

    internal static bool SameBits(double? a, double? b) =>
        a is null ? b is null : b is not null && BitConverter.DoubleToInt64Bits(a.Value) == BitConverter.DoubleToInt64Bits(b.Value);

    internal static string Text(double? v) => v is null ? "absent" : v.Value.ToString("R", CultureInfo.InvariantCulture);
}
