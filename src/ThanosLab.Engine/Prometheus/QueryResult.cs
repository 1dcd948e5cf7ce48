using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Prometheus;

/// <summary>The four result types of Prometheus' query API (<c>data.resultType</c>).</summary>
public enum QueryResultType
{
    Matrix,
    Vector,
    Scalar,
    String,
}

/// <summary>
/// One sample of a query result: milliseconds since the epoch and a value (NaN and ±Inf included),
/// or a native histogram (then <see cref="Value"/> is its count).
/// </summary>
public readonly record struct QuerySample(long TimestampMs, double Value, QueryHistogram? Histogram = null);

/// <summary>
/// A native histogram as the query API gives it: count, sum and the populated buckets with their bounds.
/// The API sends no zero count or schema, so both are read off the buckets.
/// </summary>
public sealed record QueryHistogram(double Count, double Sum, IReadOnlyList<HistogramBucket> Buckets)
{
    /// <summary>The zero bucket's count: the bucket closed at both ends around 0.</summary>
    public double ZeroCount => Buckets.Where(b => b.LowerInclusive && b.UpperInclusive && b.Lower <= 0 && b.Upper >= 0).Sum(b => b.Count);

    /// <summary>
    /// The schema: a bucket spans a factor of 2^(2^-schema), and the widest regular bucket tells it (one
    /// clipped at the zero threshold is narrower); null without a regular bucket to tell.
    /// </summary>
    public int? Schema
    {
        get
        {
            var ratios = Buckets.Where(b => !(b.LowerInclusive && b.UpperInclusive) && b.Lower != 0 && b.Upper != 0 && Math.Sign(b.Lower) == Math.Sign(b.Upper))
                .Select(b => Math.Max(Math.Abs(b.Upper), Math.Abs(b.Lower)) / Math.Min(Math.Abs(b.Upper), Math.Abs(b.Lower)))
                .ToArray();
            if (ratios.Length == 0)
            {
                return null;
            }
            var schema = (int)Math.Round(-Math.Log2(Math.Log2(ratios.Max())));
            return Math.Clamp(schema, NativeHistogram.MinSchema, NativeHistogram.MaxSchema);
        }
    }
}

/// <summary>One series of a vector or matrix result: its labels (including __name__ when kept) and samples.</summary>
public sealed record QuerySeries(IReadOnlyList<Label> Labels, IReadOnlyList<QuerySample> Samples);

/// <summary>
/// A decoded query answer. Vector and matrix results fill <see cref="Series"/>; a scalar fills
/// <see cref="Scalar"/>; a string result fills <see cref="StringValue"/> and <see cref="StringTimestampMs"/>.
/// </summary>
public sealed class QueryResult
{
    public required QueryResultType ResultType { get; init; }

    public IReadOnlyList<QuerySeries> Series { get; init; } = Array.Empty<QuerySeries>();

    public QuerySample? Scalar { get; init; }

    public string? StringValue { get; init; }

    public long StringTimestampMs { get; init; }

    /// <summary>The API's warnings (for example partial responses from a Thanos querier).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
}
