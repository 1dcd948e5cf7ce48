using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// One entry of a block plan: <see cref="Targets"/> series sharing <see cref="Labels"/>, each told
/// apart by a <c>__blockgen_target__</c> label, with samples in [<see cref="MinTime"/>, <see cref="MaxTime"/>] (ms).
/// <see cref="Histogram"/> shapes the native-histogram types (null: <see cref="HistogramShape.Default"/>) and no other type.
/// </summary>
public sealed record SeriesSpec(LabelSet Labels, int Targets, SeriesType Type, long MinTime, long MaxTime, SeriesCharacteristics Characteristics, HistogramShape? Histogram = null)
{
    public bool IsHistogram => Type is SeriesType.Histogram or SeriesType.FloatHistogram;

    public const string TargetLabel = "__blockgen_target__";

    /// <summary>The most targets a spec may have, in a plan file as on the command line.</summary>
    public const int MaxTargets = 1_000_000;

    /// <summary>
    /// The samples' times, as every generator draws them: one scrape interval after <see cref="MinTime"/>,
    /// then each interval while the previous one is at most <see cref="MaxTime"/> (thanosbench's rule, so
    /// the last may lie one interval past it).
    /// </summary>
    public (long First, long Last) SampleTimes
    {
        get
        {
            var interval = Characteristics.ScrapeInterval.Ticks / TimeSpan.TicksPerMillisecond;
            return (MinTime + interval, MinTime + ((MaxTime - MinTime) / interval + 1) * interval);
        }
    }

    public void Validate()
    {
        if (Labels.Count == 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "EmptySeriesLabels",
                "A series spec has no labels; give at least __name__.", this);
        }
        if (Targets is < 1 or > MaxTargets)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidTargetCount",
                $"The target count {Targets} is not accepted: a series spec has 1 to {MaxTargets:N0} targets.", Targets);
        }
        BlockSpec.ValidateTime(MinTime, "series min time");
        BlockSpec.ValidateTime(MaxTime, "series max time");
        if (MaxTime < MinTime)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidSeriesRange",
                $"The series range [{MinTime}, {MaxTime}] ends before it starts.", this);
        }
        Characteristics.Validate();
        if (Histogram is not null && !IsHistogram)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "HistogramShapeWithoutHistogram",
                $"The series type {BlockPlanYaml.TypeName(Type)} has no histogram shape; schema, buckets and zero threshold belong to HISTOGRAM and FLOATHISTOGRAM series.", Type);
        }
        Histogram?.Validate();
    }
}
