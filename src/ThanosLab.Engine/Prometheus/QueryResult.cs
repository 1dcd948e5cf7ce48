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

/// <summary>A native histogram as the query API gives it: count, sum and the populated buckets with their bounds.</summary>
public sealed record QueryHistogram(double Count, double Sum, IReadOnlyList<HistogramBucket> Buckets);

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
