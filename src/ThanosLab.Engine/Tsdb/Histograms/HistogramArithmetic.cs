namespace ThanosLab.Engine.Tsdb.Histograms;

/// <summary>
/// The float-histogram operations Thanos' downsampling is made of, with Prometheus' semantics
/// (model/histogram/float_histogram.go): sums and differences over the union of both bucket sets at
/// the lower of both schemas, zero buckets widened to the larger threshold, resolution reduced by
/// merging buckets, and counter-reset detection that trusts the hint before comparing counts. Results
/// are new histograms with the fewest spans that cover their buckets; inputs are not changed.
/// </summary>
public static class HistogramArithmetic
{
    /// <summary><paramref name="h"/> at the lower (or same) <paramref name="schema"/>: each new bucket holds the sum of the old ones it covers.</summary>
    public static NativeHistogram ToSchema(NativeHistogram h, int schema)
    {
        if (schema > h.Schema)
        {
            throw new ArgumentOutOfRangeException(nameof(schema), schema, $"A histogram's resolution can only be reduced; schema {schema} is finer than its schema {h.Schema}.");
        }
        if (schema == h.Schema)
        {
            return h;
        }
        var positive = Reduce(Buckets.Of(h.PositiveSpans, h.PositiveBuckets), h.Schema, schema);
        var negative = Reduce(Buckets.Of(h.NegativeSpans, h.NegativeBuckets), h.Schema, schema);
        return With(h, schema, h.ZeroThreshold, h.ZeroCount, h.Count, h.Sum, positive, negative, h.CounterResetHint);
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/>, as Prometheus' FloatHistogram.Add.</summary>
    public static NativeHistogram Add(NativeHistogram a, NativeHistogram b) => Combine(a, b, 1);

    /// <summary><paramref name="a"/> − <paramref name="b"/>, as Prometheus' FloatHistogram.Sub: buckets only <paramref name="b"/> has become negative.</summary>
    public static NativeHistogram Subtract(NativeHistogram a, NativeHistogram b) => Combine(a, b, -1);

    /// <summary>
    /// Prometheus' DetectReset: whether <paramref name="current"/> restarted the counter since
    /// <paramref name="previous"/>. The hint decides when it says reset or no reset; otherwise a count,
    /// zero count or bucket that went down, a finer schema or a smaller zero threshold is a reset.
    /// </summary>
    public static bool IsCounterReset(NativeHistogram current, NativeHistogram previous)
    {
        switch (current.CounterResetHint)
        {
            case CounterResetHint.CounterReset:
                return true;
            case CounterResetHint.NotCounterReset:
                return false;
        }
        if (current.Count < previous.Count || current.Schema > previous.Schema || current.ZeroThreshold < previous.ZeroThreshold)
        {
            return true;
        }
        var (previousZeroCount, threshold) = ZeroCountForLargerThreshold(previous, current.ZeroThreshold);
        if (threshold != current.ZeroThreshold || current.ZeroCount < previousZeroCount)
        {
            return true;
        }
        return BucketWentDown(current, previous, current.PositiveSpans, current.PositiveBuckets, previous.PositiveSpans, previous.PositiveBuckets)
            || BucketWentDown(current, previous, current.NegativeSpans, current.NegativeBuckets, previous.NegativeSpans, previous.NegativeBuckets);
    }

    private static NativeHistogram Combine(NativeHistogram a, NativeHistogram b, int sign)
    {
        var hint = CombinedHint(a.CounterResetHint, b.CounterResetHint);
        // The common cases, a chunk's histograms sharing one layout and a running sum holding every
        // bucket of the next histogram: the result keeps a's layout and needs no index work.
        if (a.Schema == b.Schema && a.ZeroThreshold == b.ZeroThreshold
            && !StartsAtOrBelow(b.PositiveSpans, b.Schema, b.ZeroThreshold) && !StartsAtOrBelow(b.NegativeSpans, b.Schema, b.ZeroThreshold)
            && InLayoutOf(a.PositiveSpans, a.PositiveBuckets, b.PositiveSpans, b.PositiveBuckets, sign) is { } positive
            && InLayoutOf(a.NegativeSpans, a.NegativeBuckets, b.NegativeSpans, b.NegativeBuckets, sign) is { } negative)
        {
            return new NativeHistogram
            {
                Schema = a.Schema,
                ZeroThreshold = a.ZeroThreshold,
                ZeroCount = a.ZeroCount + sign * b.ZeroCount,
                Count = a.Count + sign * b.Count,
                Sum = a.Sum + sign * b.Sum,
                PositiveSpans = a.PositiveSpans,
                PositiveBuckets = positive,
                NegativeSpans = a.NegativeSpans,
                NegativeBuckets = negative,
                CounterResetHint = hint,
            };
        }
        var (threshold, zeroCount, aPositive, aNegative) = (a.ZeroThreshold, a.ZeroCount, Buckets.Of(a.PositiveSpans, a.PositiveBuckets), Buckets.Of(a.NegativeSpans, a.NegativeBuckets));
        var bZeroCount = b.ZeroCount;
        // Prometheus' reconcileZeroBuckets: both zero buckets grow to the larger threshold (and beyond
        // it, to the edge of a populated bucket it would cut), which swallows the buckets inside it.
        var bThreshold = b.ZeroThreshold;
        while (bThreshold != threshold)
        {
            if (threshold > bThreshold)
            {
                (bZeroCount, bThreshold) = ZeroCountForLargerThreshold(b, threshold);
            }
            if (bThreshold > threshold)
            {
                var widened = With(a, a.Schema, threshold, zeroCount, a.Count, a.Sum, aPositive, aNegative, hint);
                (zeroCount, threshold) = ZeroCountForLargerThreshold(widened, bThreshold);
                // Prometheus empties the swallowed buckets and then drops every empty bucket (Compact(0)).
                aPositive = aPositive.Where((index, _) => BucketBoundaries.Lower(index, a.Schema) >= threshold).WithoutEmpty();
                aNegative = aNegative.Where((index, _) => -BucketBoundaries.Lower(index, a.Schema) <= -threshold).WithoutEmpty();
            }
        }
        var schema = Math.Min(a.Schema, b.Schema);
        aPositive = Reduce(aPositive, a.Schema, schema);
        aNegative = Reduce(aNegative, a.Schema, schema);
        var bPositive = Reduce(Buckets.Of(b.PositiveSpans, b.PositiveBuckets), b.Schema, schema);
        var bNegative = Reduce(Buckets.Of(b.NegativeSpans, b.NegativeBuckets), b.Schema, schema);
        return With(a, schema, threshold, zeroCount + sign * bZeroCount, a.Count + sign * b.Count, a.Sum + sign * b.Sum,
            Sum(aPositive, bPositive, schema, threshold, sign), Sum(aNegative, bNegative, schema, threshold, sign), hint);
    }

    // a's counts plus sign times b's, laid out as a's, when every bucket of b is one of a's; else null.
    private static double[]? InLayoutOf(HistogramSpan[] aSpans, double[] aCounts, HistogramSpan[] bSpans, double[] bCounts, int sign)
    {
        var result = new double[aCounts.Length];
        if (ReferenceEquals(aSpans, bSpans) || aSpans.AsSpan().SequenceEqual(bSpans))
        {
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = aCounts[i] + sign * bCounts[i];
            }
            return result;
        }
        aCounts.AsSpan().CopyTo(result);
        // Both walked span by span; a's bucket k has index aIndex.
        int aSpan = -1, k = -1;
        uint aLeft = 0;
        long aNext = 0, aIndex = 0;
        bool NextOfA()
        {
            while (aLeft == 0)
            {
                if (++aSpan == aSpans.Length)
                {
                    return false;
                }
                aNext += aSpans[aSpan].Offset;
                aLeft = aSpans[aSpan].Length;
            }
            aIndex = aNext++;
            aLeft--;
            k++;
            return true;
        }
        long bIndex = 0;
        var j = 0;
        foreach (var span in bSpans)
        {
            bIndex += span.Offset;
            for (var n = 0u; n < span.Length; n++, bIndex++, j++)
            {
                while (k < 0 || aIndex < bIndex)
                {
                    if (!NextOfA())
                    {
                        return null;
                    }
                }
                if (aIndex != bIndex)
                {
                    return null;
                }
                result[k] += sign * bCounts[j];
            }
        }
        return result;
    }

    // Whether the first bucket ends at or below the zero threshold (Prometheus' addBuckets leaves such buckets of its second operand out).
    private static bool StartsAtOrBelow(HistogramSpan[] spans, int schema, double threshold)
    {
        long index = 0;
        foreach (var span in spans)
        {
            index += span.Offset;
            if (span.Length > 0)
            {
                return BucketBoundaries.Upper(index, schema) <= threshold;
            }
        }
        return false;
    }

    // Prometheus' adjustCounterReset: equal hints stay, a gauge makes a gauge, anything else becomes unknown.
    private static CounterResetHint CombinedHint(CounterResetHint a, CounterResetHint b) =>
        a == b ? a
        : a == CounterResetHint.Gauge || b == CounterResetHint.Gauge ? CounterResetHint.Gauge
        : CounterResetHint.Unknown;

    // Prometheus' addBuckets: the union of both bucket sets, b's buckets that end at or below the zero
    // threshold left out (they belong to the zero bucket).
    private static Buckets Sum(Buckets a, Buckets b, int schema, double threshold, int sign)
    {
        b = AboveThreshold(b, schema, threshold);
        var indices = new List<long>(a.Indices.Length + b.Indices.Length);
        var counts = new List<double>(a.Indices.Length + b.Indices.Length);
        int i = 0, j = 0;
        while (i < a.Indices.Length || j < b.Indices.Length)
        {
            if (j == b.Indices.Length || (i < a.Indices.Length && a.Indices[i] < b.Indices[j]))
            {
                indices.Add(a.Indices[i]);
                counts.Add(a.Counts[i++]);
            }
            else if (i == a.Indices.Length || b.Indices[j] < a.Indices[i])
            {
                indices.Add(b.Indices[j]);
                counts.Add(sign * b.Counts[j++]);
            }
            else
            {
                indices.Add(a.Indices[i]);
                counts.Add(a.Counts[i++] + sign * b.Counts[j++]);
            }
        }
        return new Buckets(indices.ToArray(), counts.ToArray());
    }

    // Prometheus' reduceResolution: bucket k of schema s lies in bucket ((k - 1) >> (s - t)) + 1 of schema t.
    private static Buckets Reduce(Buckets b, int from, int to)
    {
        if (from == to)
        {
            return b;
        }
        var indices = new List<long>(b.Indices.Length);
        var counts = new List<double>(b.Indices.Length);
        for (var i = 0; i < b.Indices.Length; i++)
        {
            var target = ((b.Indices[i] - 1) >> (from - to)) + 1;
            if (indices.Count > 0 && indices[^1] == target)
            {
                counts[^1] += b.Counts[i];
            }
            else
            {
                indices.Add(target);
                counts.Add(b.Counts[i]);
            }
        }
        return new Buckets(indices.ToArray(), counts.ToArray());
    }

    /// <summary>
    /// Prometheus' zeroCountForLargerThreshold: the zero count <paramref name="h"/> would have with a zero
    /// bucket of at least <paramref name="threshold"/>, and the threshold that takes (moved out to the edge
    /// of a populated bucket the requested one would cut).
    /// </summary>
    private static (double Count, double Threshold) ZeroCountForLargerThreshold(NativeHistogram h, double threshold)
    {
        if (threshold == h.ZeroThreshold)
        {
            return (h.ZeroCount, threshold);
        }
        var positive = BucketLayout.Indices(h.PositiveSpans);
        var negative = BucketLayout.Indices(h.NegativeSpans);
        while (true)
        {
            var count = h.ZeroCount;
            for (var i = 0; i < positive.Length; i++)
            {
                var lower = BucketBoundaries.Lower(positive[i], h.Schema);
                var upper = BucketBoundaries.Upper(positive[i], h.Schema);
                if (lower >= threshold)
                {
                    break;
                }
                count += h.PositiveBuckets[i];
                if (upper > threshold)
                {
                    if (h.PositiveBuckets[i] != 0)
                    {
                        threshold = upper;
                    }
                    break;
                }
            }
            var restart = false;
            for (var i = 0; i < negative.Length; i++)
            {
                // A negative bucket k spans [-upper, -lower).
                var lower = -BucketBoundaries.Upper(negative[i], h.Schema);
                var upper = -BucketBoundaries.Lower(negative[i], h.Schema);
                if (upper <= -threshold)
                {
                    break;
                }
                count += h.NegativeBuckets[i];
                if (lower < -threshold)
                {
                    if (h.NegativeBuckets[i] != 0)
                    {
                        // The positive side was counted against the old threshold: count again.
                        threshold = -lower;
                        restart = true;
                    }
                    break;
                }
            }
            if (!restart)
            {
                return (count, threshold);
            }
        }
    }

    // Prometheus' detectReset over one side: the previous buckets, merged down to the current schema,
    // against the current ones, both from the first bucket above the current zero threshold; a
    // populated previous bucket that is missing or larger now is a reset.
    private static bool BucketWentDown(NativeHistogram current, NativeHistogram previous,
        HistogramSpan[] currentSpans, double[] currentCounts, HistogramSpan[] previousSpans, double[] previousCounts)
    {
        var now = AboveThreshold(Buckets.Of(currentSpans, currentCounts), current.Schema, current.ZeroThreshold);
        var before = AboveThreshold(Reduce(Buckets.Of(previousSpans, previousCounts), previous.Schema, current.Schema), current.Schema, current.ZeroThreshold);
        var k = 0;
        for (var i = 0; i < before.Indices.Length; i++)
        {
            while (k < now.Indices.Length && now.Indices[k] < before.Indices[i])
            {
                k++;
            }
            var present = k < now.Indices.Length && now.Indices[k] == before.Indices[i];
            if (present ? now.Counts[k] < before.Counts[i] : before.Counts[i] != 0)
            {
                return true;
            }
        }
        return false;
    }

    // Prometheus' bucket iterators with a start value skip the leading buckets that end at or below it.
    private static Buckets AboveThreshold(Buckets b, int schema, double threshold)
    {
        var skip = 0;
        while (skip < b.Indices.Length && BucketBoundaries.Upper(b.Indices[skip], schema) <= threshold)
        {
            skip++;
        }
        return skip == 0 ? b : new Buckets(b.Indices[skip..], b.Counts[skip..]);
    }

    private static NativeHistogram With(NativeHistogram like, int schema, double threshold, double zeroCount, double count, double sum,
        Buckets positive, Buckets negative, CounterResetHint hint) => new()
    {
        Schema = schema,
        ZeroThreshold = threshold,
        ZeroCount = zeroCount,
        Count = count,
        Sum = sum,
        PositiveSpans = BucketLayout.FromIndices(positive.Indices),
        PositiveBuckets = positive.Counts,
        NegativeSpans = BucketLayout.FromIndices(negative.Indices),
        NegativeBuckets = negative.Counts,
        CounterResetHint = hint,
    };

    /// <summary>One side's buckets as absolute indices and their counts.</summary>
    private readonly record struct Buckets(long[] Indices, double[] Counts)
    {
        public static Buckets Of(HistogramSpan[] spans, double[] counts) => new(BucketLayout.Indices(spans), counts);

        public Buckets Where(Func<long, double, bool> keep)
        {
            var indices = new List<long>();
            var counts = new List<double>();
            for (var i = 0; i < Indices.Length; i++)
            {
                if (keep(Indices[i], Counts[i]))
                {
                    indices.Add(Indices[i]);
                    counts.Add(Counts[i]);
                }
            }
            return new Buckets(indices.ToArray(), counts.ToArray());
        }

        public Buckets WithoutEmpty() => Where((_, count) => count != 0);
    }
}
