using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// Prometheus 2.42's head for one native-histogram series (memSeries.appendHistogram): the float
/// rules of <see cref="ChunkCutter"/>, plus a new chunk where a histogram cannot join the open one
/// (another schema or zero threshold; for counters also a count going down or a bucket
/// disappearing), with the counter-reset bits the head sets. New buckets widen the open chunk's
/// layout, and Prometheus then encodes the chunk's samples again (Recode); the bytes that leaves are
/// those of every sample spread over the final layout, so the chunk is encoded once, when it closes.
/// Holds one chunk's samples.
/// </summary>
public sealed class HistogramHeadAppender
{
    private enum Fit
    {
        /// <summary>No open chunk to compare with.</summary>
        None,
        Appendable,
        NotAppendable,
        CounterReset,
    }

    private readonly ChunkCutter _cutter;
    private readonly HistogramChunkEncoder _encoder;
    private readonly bool _gauge;
    private readonly Action<HistogramChunkEncoder> _chunkClosed;
    private readonly List<(long T, NativeHistogram H, long[] Positive, long[] Negative)> _samples = new();
    private CounterResetHeader _header;

    // The open chunk's layout: as Prometheus keeps it, the spans of the sample that last widened it.
    private HistogramSpan[] _positiveSpans = Array.Empty<HistogramSpan>();
    private HistogramSpan[] _negativeSpans = Array.Empty<HistogramSpan>();
    private long[] _positive = Array.Empty<long>();
    private long[] _negative = Array.Empty<long>();

    /// <param name="floatCounts">Float histogram chunks (encoding 3) instead of integer ones (2).</param>
    /// <param name="gauge">A gauge histogram (counts go up and down; chunks carry the gauge header).</param>
    /// <param name="chunkClosed">Receives each finished chunk; its bytes are valid until the call returns.</param>
    public HistogramHeadAppender(long chunkRange, bool floatCounts, bool gauge, Action<HistogramChunkEncoder> chunkClosed)
    {
        _cutter = new ChunkCutter(chunkRange);
        _encoder = new HistogramChunkEncoder(floatCounts);
        _gauge = gauge;
        _chunkClosed = chunkClosed;
    }

    public void Append(long t, NativeHistogram h)
    {
        var positive = BucketLayout.Indices(h.PositiveSpans);
        var negative = BucketLayout.Indices(h.NegativeSpans);
        var created = _cutter.StartsChunk(t, _samples.Count);
        var fit = _samples.Count == 0 ? Fit.None : _gauge ? FitGauge(h) : FitCounter(h, positive, negative);
        if (!created && fit != Fit.Appendable)
        {
            _cutter.Restart(t);
            created = true;
        }
        if (created)
        {
            Flush();
            _header = _gauge ? CounterResetHeader.Gauge : fit switch
            {
                Fit.CounterReset => CounterResetHeader.CounterReset,
                Fit.Appendable => CounterResetHeader.NotCounterReset,
                _ => CounterResetHeader.Unknown,
            };
            (_positiveSpans, _negativeSpans, _positive, _negative) = (h.PositiveSpans, h.NegativeSpans, positive, negative);
        }
        else if (!BucketLayout.Covers(_positive, positive) || !BucketLayout.Covers(_negative, negative))
        {
            Widen(h, positive, negative);
        }
        _samples.Add((t, h, positive, negative));
    }

    /// <summary>Encodes and hands over the open chunk, if it holds samples.</summary>
    public void Flush()
    {
        if (_samples.Count == 0)
        {
            return;
        }
        _encoder.Reset(_header);
        foreach (var (t, h, _, _) in _samples)
        {
            _encoder.Append(t, h.WithLayout(_positiveSpans, _negativeSpans));
        }
        _chunkClosed(_encoder);
        _samples.Clear();
    }

    // HistogramAppender.Appendable, in its order: a lower count is a reset before a layout change is looked at.
    private Fit FitCounter(NativeHistogram h, long[] positive, long[] negative)
    {
        var last = _samples[^1];
        if (h.Count < last.H.Count)
        {
            return Fit.CounterReset;
        }
        if (h.Schema != last.H.Schema || !h.ZeroThreshold.Equals(last.H.ZeroThreshold))
        {
            return Fit.NotAppendable;
        }
        if (h.ZeroCount < last.H.ZeroCount)
        {
            return Fit.CounterReset;
        }
        // Prometheus 2.42 takes a bucket that disappeared for a counter reset.
        if (!BucketLayout.Covers(positive, _positive) || !BucketLayout.Covers(negative, _negative))
        {
            return Fit.CounterReset;
        }
        return AnyBucketDecreased(last.Positive, last.H.PositiveBuckets, positive, h.PositiveBuckets) ||
            AnyBucketDecreased(last.Negative, last.H.NegativeBuckets, negative, h.NegativeBuckets)
            ? Fit.CounterReset
            : Fit.Appendable;
    }

    // Buckets the last sample did not have held 0 in the chunk, and no count goes below 0.
    private static bool AnyBucketDecreased(long[] beforeIndices, double[] before, long[] afterIndices, double[] after)
    {
        var k = 0;
        for (var i = 0; i < beforeIndices.Length; i++)
        {
            while (afterIndices[k] < beforeIndices[i])
            {
                k++;
            }
            if (after[k] < before[i])
            {
                return true;
            }
        }
        return false;
    }

    // HistogramAppender.AppendableGauge: buckets may come and go; a histogram missing some of the
    // chunk's buckets is spread over the union of both layouts.
    private Fit FitGauge(NativeHistogram h)
    {
        var last = _samples[^1].H;
        return h.Schema != last.Schema || !h.ZeroThreshold.Equals(last.ZeroThreshold) ? Fit.NotAppendable : Fit.Appendable;
    }

    private void Widen(NativeHistogram h, long[] positive, long[] negative)
    {
        var missing = !BucketLayout.Covers(positive, _positive) || !BucketLayout.Covers(negative, _negative);
        if (missing)
        {
            // Only a gauge gets here with missing buckets: the head gives it the merged spans of both sides.
            _positive = BucketLayout.Union(_positive, positive);
            _negative = BucketLayout.Union(_negative, negative);
            (_positiveSpans, _negativeSpans) = (BucketLayout.FromIndices(_positive), BucketLayout.FromIndices(_negative));
            return;
        }
        (_positiveSpans, _negativeSpans, _positive, _negative) = (h.PositiveSpans, h.NegativeSpans, positive, negative);
    }
}
