namespace ThanosLab.Engine.Tsdb.Histograms;

/// <summary>
/// One native-histogram sample with absolute bucket counts (integer histograms hold whole numbers).
/// Bucket <c>i</c> of <see cref="PositiveBuckets"/> is the i-th bucket the positive spans cover;
/// the bucket with index <c>k</c> holds observations in (base^(k-1), base^k], base = 2^(2^-schema).
/// </summary>
public sealed class NativeHistogram
{
    /// <summary>Prometheus' default zero threshold, 2^-128.</summary>
    public static readonly double DefaultZeroThreshold = Math.ScaleB(1, -128);

    public const int MinSchema = -4;
    public const int MaxSchema = 8;

    public int Schema { get; init; }

    public double ZeroThreshold { get; init; }

    public double Count { get; init; }

    public double ZeroCount { get; init; }

    public double Sum { get; init; }

    public HistogramSpan[] PositiveSpans { get; init; } = Array.Empty<HistogramSpan>();

    public double[] PositiveBuckets { get; init; } = Array.Empty<double>();

    public HistogramSpan[] NegativeSpans { get; init; } = Array.Empty<HistogramSpan>();

    public double[] NegativeBuckets { get; init; } = Array.Empty<double>();

    /// <summary>What the sample's chunk says about a counter reset (not part of the sample's value).</summary>
    public CounterResetHint CounterResetHint { get; init; }

    /// <summary>
    /// The populated buckets as Prometheus' query API lists them: negative buckets from the most
    /// negative, the zero bucket, then the positive buckets; bounds clipped at the zero threshold.
    /// </summary>
    public IEnumerable<HistogramBucket> Buckets()
    {
        var negative = BucketLayout.Indices(NegativeSpans);
        for (var i = negative.Length - 1; i >= 0; i--)
        {
            if (NegativeBuckets[i] != 0)
            {
                var upper = -BucketBoundaries.Lower(negative[i], Schema);
                yield return new HistogramBucket(-BucketBoundaries.Upper(negative[i], Schema), upper > -ZeroThreshold ? -ZeroThreshold : upper, true, false, NegativeBuckets[i]);
            }
        }
        if (ZeroCount > 0)
        {
            yield return new HistogramBucket(-ZeroThreshold, ZeroThreshold, true, true, ZeroCount);
        }
        var positive = BucketLayout.Indices(PositiveSpans);
        for (var i = 0; i < positive.Length; i++)
        {
            if (PositiveBuckets[i] != 0)
            {
                var lower = BucketBoundaries.Lower(positive[i], Schema);
                yield return new HistogramBucket(lower < ZeroThreshold ? ZeroThreshold : lower, BucketBoundaries.Upper(positive[i], Schema), false, true, PositiveBuckets[i]);
            }
        }
    }

    /// <summary>This histogram with its buckets spread over the wider layouts (new buckets hold 0).</summary>
    public NativeHistogram WithLayout(HistogramSpan[] positive, HistogramSpan[] negative) => new()
    {
        Schema = Schema,
        ZeroThreshold = ZeroThreshold,
        Count = Count,
        ZeroCount = ZeroCount,
        Sum = Sum,
        PositiveSpans = positive,
        PositiveBuckets = BucketLayout.Expand(PositiveSpans, PositiveBuckets, positive),
        NegativeSpans = negative,
        NegativeBuckets = BucketLayout.Expand(NegativeSpans, NegativeBuckets, negative),
        CounterResetHint = CounterResetHint,
    };

    /// <summary>This histogram with another counter-reset hint.</summary>
    public NativeHistogram WithCounterResetHint(CounterResetHint hint) => new()
    {
        Schema = Schema,
        ZeroThreshold = ZeroThreshold,
        Count = Count,
        ZeroCount = ZeroCount,
        Sum = Sum,
        PositiveSpans = PositiveSpans,
        PositiveBuckets = PositiveBuckets,
        NegativeSpans = NegativeSpans,
        NegativeBuckets = NegativeBuckets,
        CounterResetHint = hint,
    };
}
