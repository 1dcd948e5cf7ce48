using System.Collections.Specialized;
using ThanosLab.Binding;
using ThanosLab.Engine.Series;

namespace ThanosLab;

/// <summary>
/// One series of one block as Get-ThanosSeries reads it: its labels and samples, oldest first —
/// ThanosSample objects (Timestamp, Value) for a raw block, ThanosHistogramSample objects for a
/// native-histogram series, ThanosAggregateSample objects (Timestamp, Count, Sum, Min, Max, Counter;
/// a native-histogram series' with SumHistogram and CounterHistogram) for a downsampled one.
/// </summary>
public sealed class ThanosSeries
{
    /// <summary>The metric name (the __name__ label).</summary>
    public string Name => Labels["__name__"] as string ?? "";

    /// <summary>All labels sorted by name, __name__ included.</summary>
    public OrderedDictionary Labels { get; set; } = new();

    /// <summary>ThanosSample, ThanosHistogramSample or ThanosAggregateSample objects.</summary>
    public object[] Samples { get; set; } = Array.Empty<object>();

    /// <summary>The block's resolution: zero for raw data, 5 minutes or 1 hour.</summary>
    public TimeSpan Resolution { get; set; }

    public string BlockId { get; set; } = "";

    public string BlockPath { get; set; } = "";

    /// <summary>The series in PromQL notation, e.g. <c>up{job="prometheus"}</c>.</summary>
    public string Series => ThanosQuerySeries.Notation(Labels);

    public override string ToString() => Series;

    internal static ThanosSeries From(SeriesSamples s, string blockId, string blockPath) => new()
    {
        Labels = LabelArguments.ToDictionary(s.Labels),
        Resolution = TimeSpan.FromMilliseconds(s.Resolution),
        BlockId = blockId,
        BlockPath = blockPath,
        Samples = s.Histograms is { } histograms
            ? histograms.Select(h => (object)ThanosHistogramSample.From(h.Timestamp, h.Histogram))
                .Concat(s.Raw.Select(r => new ThanosSample(DateTimeOffset.FromUnixTimeMilliseconds(r.Timestamp), r.Value)))
                .OrderBy(x => ((ThanosSample)x).Timestamp).ToArray()
            : s.Resolution == 0 && s.Aggregates.Count == 0
            ? s.Raw.Select(r => (object)new ThanosSample(DateTimeOffset.FromUnixTimeMilliseconds(r.Timestamp), r.Value)).ToArray()
            : s.Aggregates.Select(a => (object)ThanosAggregateSample.From(a))
                .Concat(s.Raw.Select(r => new ThanosSample(DateTimeOffset.FromUnixTimeMilliseconds(r.Timestamp), r.Value)))
                .ToArray(),
    };
}
