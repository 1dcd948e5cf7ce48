using ThanosLab.Engine.Tsdb.Chunkenc;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// Prometheus 2.42's head for one native-histogram series (memSeries.appendHistogram): the float
/// rules of <see cref="ChunkCutter"/>, plus a new chunk where a histogram cannot join the open one
/// (another schema or zero threshold; for counters also a count going down or a bucket
/// disappearing), with the counter-reset bits the head sets. New buckets widen the open chunk's
/// layout and its samples are encoded again, as Prometheus' Recode does. Holds one chunk's samples.
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
    private readonly List<(long T, NativeHistogram H)> _samples = new();

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
        var created = _cutter.StartsChunk(t, _encoder.Count);
        var widen = false;
        var fit = _samples.Count == 0 ? Fit.None : _gauge ? FitGauge(ref h, ref widen, created) : FitCounter(h, ref widen);
        if (!created && fit != Fit.Appendable)
        {
            _cutter.Restart(t);
            created = true;
        }
        if (created)
        {
            Flush();
            _encoder.Reset(_gauge ? CounterResetHeader.Gauge : fit switch
            {
                Fit.CounterReset => CounterResetHeader.CounterReset,
                Fit.Appendable => CounterResetHeader.NotCounterReset,
                _ => CounterResetHeader.Unknown,
            });
        }
        else if (widen)
        {
            Recode(h.PositiveSpans, h.NegativeSpans);
        }
        _encoder.Append(t, h);
        _samples.Add((t, h));
    }

    /// <summary>Hands over the open chunk, if it holds samples.</summary>
    public void Flush()
    {
        if (_encoder.Count > 0)
        {
            _chunkClosed(_encoder);
        }
        _samples.Clear();
        _encoder.Reset(CounterResetHeader.Unknown);
    }

    // HistogramAppender.Appendable, in its order: a lower count is a reset before a layout change is looked at.
    private Fit FitCounter(NativeHistogram h, ref bool widen)
    {
        var last = _samples[^1].H;
        var layout = _encoder.Layout;
        if (h.Count < last.Count)
        {
            return Fit.CounterReset;
        }
        if (h.Schema != layout.Schema || !h.ZeroThreshold.Equals(layout.ZeroThreshold))
        {
            return Fit.NotAppendable;
        }
        if (h.ZeroCount < last.ZeroCount)
        {
            return Fit.CounterReset;
        }
        // Prometheus 2.42 takes a bucket that disappeared for a counter reset.
        if (!BucketLayout.Covers(h.PositiveSpans, layout.PositiveSpans) || !BucketLayout.Covers(h.NegativeSpans, layout.NegativeSpans))
        {
            return Fit.CounterReset;
        }
        if (AnyBucketDecreased(BucketLayout.Expand(last.PositiveSpans, last.PositiveBuckets, h.PositiveSpans), h.PositiveBuckets, layout.PositiveSpans, h.PositiveSpans) ||
            AnyBucketDecreased(BucketLayout.Expand(last.NegativeSpans, last.NegativeBuckets, h.NegativeSpans), h.NegativeBuckets, layout.NegativeSpans, h.NegativeSpans))
        {
            return Fit.CounterReset;
        }
        if (!BucketLayout.Covers(layout.PositiveSpans, h.PositiveSpans) || !BucketLayout.Covers(layout.NegativeSpans, h.NegativeSpans))
        {
            widen = true;
        }
        return Fit.Appendable;
    }

    // Only buckets the chunk already had can have gone down; new ones start from nothing.
    private static bool AnyBucketDecreased(double[] before, double[] after, HistogramSpan[] oldSpans, HistogramSpan[] newSpans)
    {
        var old = new HashSet<long>(BucketLayout.Indices(oldSpans));
        var indices = BucketLayout.Indices(newSpans);
        for (var i = 0; i < after.Length; i++)
        {
            if (old.Contains(indices[i]) && after[i] < before[i])
            {
                return true;
            }
        }
        return false;
    }

    // HistogramAppender.AppendableGauge: buckets may come and go; both sides take the union of the layouts.
    private Fit FitGauge(ref NativeHistogram h, ref bool widen, bool created)
    {
        var layout = _encoder.Layout;
        if (h.Schema != layout.Schema || !h.ZeroThreshold.Equals(layout.ZeroThreshold))
        {
            return Fit.NotAppendable;
        }
        if (created)
        {
            return Fit.Appendable;
        }
        var missing = !BucketLayout.Covers(h.PositiveSpans, layout.PositiveSpans) || !BucketLayout.Covers(h.NegativeSpans, layout.NegativeSpans);
        if (missing)
        {
            h = h.WithLayout(BucketLayout.Union(layout.PositiveSpans, h.PositiveSpans), BucketLayout.Union(layout.NegativeSpans, h.NegativeSpans));
        }
        if (!BucketLayout.Covers(layout.PositiveSpans, h.PositiveSpans) || !BucketLayout.Covers(layout.NegativeSpans, h.NegativeSpans))
        {
            widen = true;
        }
        return Fit.Appendable;
    }

    private void Recode(HistogramSpan[] positive, HistogramSpan[] negative)
    {
        var header = _encoder.Header;
        _encoder.Reset(header);
        for (var i = 0; i < _samples.Count; i++)
        {
            var (t, old) = _samples[i];
            var wide = old.WithLayout(positive, negative);
            _encoder.Append(t, wide);
            _samples[i] = (t, wide);
        }
    }
}
