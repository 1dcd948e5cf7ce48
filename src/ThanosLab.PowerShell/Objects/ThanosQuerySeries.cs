using System.Collections.Specialized;
using ThanosLab.Binding;
using ThanosLab.Engine.Prometheus;

namespace ThanosLab;

/// <summary>
/// One series of an Invoke-ThanosQuery answer (or the single value of a scalar result): its labels and
/// its samples, oldest first. An instant query gives one sample per series, a range query one per step.
/// </summary>
public sealed class ThanosQuerySeries
{
    /// <summary>matrix (range query), vector (instant query) or scalar.</summary>
    public string ResultType { get; set; } = "";

    /// <summary>The metric name (the __name__ label), empty when the expression dropped it.</summary>
    public string Name => Labels["__name__"] as string ?? "";

    /// <summary>All labels sorted by name, __name__ included when the answer has it.</summary>
    public OrderedDictionary Labels { get; set; } = new();

    public ThanosSample[] Samples { get; set; } = Array.Empty<ThanosSample>();

    /// <summary>The Prometheus or querier endpoint that answered.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The series in PromQL notation, e.g. <c>up{job="prometheus"}</c>.</summary>
    public string Series => Notation(Labels);

    /// <summary>A label set in PromQL notation: the metric name, then the other labels in braces.</summary>
    internal static string Notation(OrderedDictionary labels)
    {
        var name = labels["__name__"] as string ?? "";
        var rest = new OrderedDictionary();
        foreach (System.Collections.DictionaryEntry e in labels)
        {
            if ((string)e.Key != "__name__") rest[e.Key] = e.Value;
        }
        return name + (rest.Count == 0 && name.Length > 0 ? "" : LabelArguments.Format(rest));
    }

    public override string ToString() => Series;

    internal static ThanosQuerySeries From(QuerySeries s, QueryResultType type, Uri endpoint) => new()
    {
        ResultType = TypeName(type),
        Labels = LabelArguments.ToDictionary(s.Labels),
        Samples = s.Samples.Select(ToSample).ToArray(),
        Endpoint = endpoint,
    };

    internal static ThanosSample ToSample(QuerySample s) => s.Histogram is { } h
        ? ThanosHistogramSample.From(s.TimestampMs, h)
        : new ThanosSample(DateTimeOffset.FromUnixTimeMilliseconds(s.TimestampMs), s.Value);

    internal static string TypeName(QueryResultType type) => type.ToString().ToLowerInvariant();
}
