using System.Globalization;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab;

/// <summary>
/// One native-histogram sample, read from a block (Get-ThanosSeries; also a downsampled window's sum
/// and counter histograms) or answered by a query (Invoke-ThanosQuery): its count (also its <see cref="ThanosSample.Value"/>), sum, zero count,
/// schema and populated buckets with their bounds, in Prometheus' order.
/// </summary>
public sealed class ThanosHistogramSample : ThanosSample
{
    private ThanosHistogramSample(long timestampMs, double count, double sum, double zeroCount, int? schema, ThanosHistogramBucket[] buckets)
        : base(DateTimeOffset.FromUnixTimeMilliseconds(timestampMs), count)
    {
        Count = count;
        Sum = sum;
        ZeroCount = zeroCount;
        Schema = schema;
        Buckets = buckets;
    }

    /// <summary>The number of observations (histogram_count).</summary>
    public double Count { get; }

    /// <summary>The sum of the observations (histogram_sum).</summary>
    public double Sum { get; }

    /// <summary>Observations in the zero bucket, [-threshold, threshold].</summary>
    public double ZeroCount { get; }

    /// <summary>The exponential schema, -4 to 8; from a query, worked out from the bucket bounds (null without buckets to tell).</summary>
    public int? Schema { get; }

    /// <summary>The populated buckets: negative ones from the most negative, the zero bucket, then the positive ones.</summary>
    public ThanosHistogramBucket[] Buckets { get; }

    public override string ToString() =>
        $"{Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} count {Count.ToString(CultureInfo.InvariantCulture)} sum {Sum.ToString(CultureInfo.InvariantCulture)} ({Buckets.Length} buckets)";

    internal static ThanosHistogramSample From(long timestampMs, NativeHistogram h) =>
        new(timestampMs, h.Count, h.Sum, h.ZeroCount, h.Schema, h.Buckets().Select(ThanosHistogramBucket.From).ToArray());

    internal static ThanosHistogramSample From(long timestampMs, QueryHistogram h) =>
        new(timestampMs, h.Count, h.Sum, h.ZeroCount, h.Schema, h.Buckets.Select(ThanosHistogramBucket.From).ToArray());
}
