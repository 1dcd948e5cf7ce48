using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Tsdb.Verification;

/// <summary>
/// <see cref="BlockVerifier"/>'s checks of one native-histogram chunk (encodings 2 and 3): every
/// sample decoded; counts never negative and never below what the zero bucket and the buckets hold;
/// in a counter histogram no count going down inside a chunk (Prometheus starts a new chunk on a
/// reset) and a chunk that starts below where the previous one ended carrying the counter-reset
/// header; then what every chunk must satisfy (<see cref="ChunkChecks.CheckDecoded"/>).
/// </summary>
internal static class HistogramChunkChecks
{
    // Float histograms sum their buckets in floating point, so the count may differ by rounding.
    private const double CountTolerance = 1e-9;

    /// <param name="previous">The series' last histogram before this chunk (null for none); left at this chunk's last.</param>
    /// <returns>The samples decoded.</returns>
    public static long Check(ChunkRecord record, SeriesChunk meta, int index, Func<string> describe, ICollection<BlockIssue> issues, ref bool complete, ref NativeHistogram? previous)
    {
        var (segment, offset) = (record.Segment, record.Offset);
        var reported = 0;
        void Issue(string message)
        {
            // One chunk's findings are capped, so a broken chunk of 240 samples is a few lines.
            if (reported++ < 3)
            {
                issues.Add(new BlockIssue(segment, offset, describe(), $"histogram chunk {index}: {message}"));
            }
        }

        var decoder = new HistogramChunkDecoder(record.Data, record.Encoding);
        var counter = decoder.Header != CounterResetHeader.Gauge;
        long first = 0, last = 0;
        var increasing = true;
        var prior = previous;
        while (decoder.Next())
        {
            var t = decoder.Timestamp;
            if (decoder.Read == 1)
            {
                first = t;
            }
            else if (t <= last)
            {
                increasing = false;
            }
            last = t;
            if (decoder.IsStale)
            {
                continue;
            }
            var h = decoder.Current();
            CheckCounts(h, t, Issue);
            if (counter && prior is not null && Decrease(prior, h) is { } what)
            {
                if (decoder.Read > 1)
                {
                    Issue($"at {t} the {what} without a counter reset; Prometheus starts a new chunk on a reset");
                }
                else if (decoder.Header != CounterResetHeader.CounterReset)
                {
                    Issue($"the chunk starts at {t} with a counter reset (the {what}), but its header says {decoder.Header}, not CounterReset");
                }
            }
            prior = h;
        }
        if (decoder.Error is not null)
        {
            Issue(decoder.Error);
            complete = false;
            return decoder.Read;
        }
        previous = prior;
        ChunkChecks.CheckDecoded(record, meta, index, describe, issues, (decoder.Count, first, last, increasing, decoder.HasExactLength, decoder.UsedBytes));
        return decoder.Read;
    }

    private static void CheckCounts(NativeHistogram h, long t, Action<string> issue)
    {
        var negative = h.PositiveBuckets.Concat(h.NegativeBuckets).Any(b => b < 0 || double.IsNaN(b));
        if (h.Count < 0 || h.ZeroCount < 0 || negative || double.IsNaN(h.Count) || double.IsNaN(h.ZeroCount))
        {
            issue($"the sample at {t} has a negative count (count {h.Count}, zero count {h.ZeroCount}{(negative ? ", a negative bucket" : "")})");
            return;
        }
        var held = h.ZeroCount + h.PositiveBuckets.Sum() + h.NegativeBuckets.Sum();
        if (h.Count < held - CountTolerance * Math.Max(1, held))
        {
            issue($"the sample at {t} has count {h.Count}, less than the {held} observations its zero bucket and buckets hold");
        }
    }

    /// <summary>What went down from <paramref name="before"/> to <paramref name="after"/>, or null; buckets only compare within one schema.</summary>
    private static string? Decrease(NativeHistogram before, NativeHistogram after)
    {
        if (after.Count < before.Count)
        {
            return $"count goes down from {before.Count} to {after.Count}";
        }
        if (before.Schema != after.Schema || !before.ZeroThreshold.Equals(after.ZeroThreshold))
        {
            return null;
        }
        if (after.ZeroCount < before.ZeroCount)
        {
            return $"zero count goes down from {before.ZeroCount} to {after.ZeroCount}";
        }
        return BucketDecrease(before.PositiveSpans, before.PositiveBuckets, after.PositiveSpans, after.PositiveBuckets, "positive")
            ?? BucketDecrease(before.NegativeSpans, before.NegativeBuckets, after.NegativeSpans, after.NegativeBuckets, "negative");
    }

    private static string? BucketDecrease(HistogramSpan[] beforeSpans, double[] before, HistogramSpan[] afterSpans, double[] after, string sign)
    {
        var now = new Dictionary<long, double>();
        var indices = BucketLayout.Indices(afterSpans);
        for (var i = 0; i < indices.Length; i++)
        {
            now[indices[i]] = after[i];
        }
        var was = BucketLayout.Indices(beforeSpans);
        for (var i = 0; i < was.Length; i++)
        {
            var value = now.GetValueOrDefault(was[i]);
            if (value < before[i])
            {
                return $"{sign} bucket {was[i]} goes down from {before[i]} to {value}";
            }
        }
        return null;
    }
}
