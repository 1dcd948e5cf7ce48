using System.Collections.Specialized;
using ThanosLab.Binding;
using ThanosLab.Engine.Generation;

namespace ThanosLab;

/// <summary>One series entry of a block plan: <see cref="Targets"/> series sharing <see cref="Labels"/>.</summary>
public sealed class ThanosSeriesSpec
{
    public OrderedDictionary Labels { get; set; } = new();
    public int Targets { get; set; }
    public string Type { get; set; } = "GAUGE";
    public DateTimeOffset MinTime { get; set; }
    public DateTimeOffset MaxTime { get; set; }
    public double Min { get; set; }
    public double Max { get; set; }
    public double Jitter { get; set; }
    public TimeSpan ScrapeInterval { get; set; }
    public TimeSpan ChangeInterval { get; set; }

    /// <summary>The native-histogram types' schema, bucket count and zero threshold; null for the float types.</summary>
    public int? HistogramSchema { get; set; }
    public int? HistogramBuckets { get; set; }
    public double? ZeroThreshold { get; set; }

    internal static ThanosSeriesSpec From(SeriesSpec s) => new()
    {
        Labels = LabelArguments.ToDictionary(s.Labels),
        Targets = s.Targets,
        Type = BlockPlanYaml.TypeName(s.Type),
        MinTime = DateTimeOffset.FromUnixTimeMilliseconds(s.MinTime),
        MaxTime = DateTimeOffset.FromUnixTimeMilliseconds(s.MaxTime),
        Min = s.Characteristics.Min,
        Max = s.Characteristics.Max,
        Jitter = s.Characteristics.Jitter,
        ScrapeInterval = s.Characteristics.ScrapeInterval,
        ChangeInterval = s.Characteristics.ChangeInterval,
        HistogramSchema = s.Histogram?.Schema,
        HistogramBuckets = s.Histogram?.Buckets,
        ZeroThreshold = s.Histogram?.ZeroThreshold,
    };

    internal SeriesSpec ToSpec()
    {
        var spec = new SeriesSpec(LabelArguments.ToLabelSet(Labels, "series label"), Targets, BlockPlanYaml.ParseType(Type),
            MinTime.ToUnixTimeMilliseconds(), MaxTime.ToUnixTimeMilliseconds(),
            new SeriesCharacteristics(Min, Max, Jitter, ScrapeInterval, ChangeInterval),
            HistogramSchema is null && HistogramBuckets is null && ZeroThreshold is null
                ? null
                : new HistogramShape(HistogramSchema ?? HistogramShape.Default.Schema, HistogramBuckets ?? HistogramShape.Default.Buckets, ZeroThreshold ?? HistogramShape.Default.ZeroThreshold));
        spec.Validate();
        return spec;
    }

    public override string ToString() => $"{LabelArguments.Format(Labels)} x{Targets} {Type}";
}
