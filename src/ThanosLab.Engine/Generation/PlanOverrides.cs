namespace ThanosLab.Engine.Generation;

/// <summary>
/// Changes to a profile's series shape that thanosbench users asked for; null keeps the profile's value.
/// </summary>
public sealed record PlanOverrides
{
    public TimeSpan? ScrapeInterval { get; init; }
    public TimeSpan? ChangeInterval { get; init; }
    public int? Targets { get; init; }
    public int? MetricsPerTarget { get; init; }
    public double? Min { get; init; }
    public double? Max { get; init; }
    public double? Jitter { get; init; }
    public SeriesType? SeriesType { get; init; }
    public int? HistogramSchema { get; init; }
    public int? HistogramBuckets { get; init; }

    public static readonly PlanOverrides None = new();

    /// <summary>
    /// The histogram shape of the overrides for a histogram type (defaults where not given); refuses
    /// histogram parameters for another type, and value parameters a histogram has no use for.
    /// </summary>
    public HistogramShape? HistogramShapeFor(SeriesType type)
    {
        var histogram = type is Generation.SeriesType.Histogram or Generation.SeriesType.FloatHistogram;
        if (!histogram)
        {
            if (HistogramSchema is not null || HistogramBuckets is not null)
            {
                throw new ThanosLabException(ErrorKind.InvalidArgument, "HistogramShapeWithoutHistogram",
                    $"-HistogramSchema and -HistogramBucketCount shape native histograms, but the series type is {BlockPlanYaml.TypeName(type)}; give -SeriesType Histogram or FloatHistogram.", type);
            }
            return null;
        }
        var ignored = new[] { ("-Min", Min), ("-Max", Max), ("-Jitter", Jitter) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1} {p.Item2}").ToArray();
        if (ignored.Length > 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "ValueRangeWithHistogram",
                $"{string.Join(", ", ignored)} shape{(ignored.Length == 1 ? "s" : "")} float samples, which a {BlockPlanYaml.TypeName(type)} series does not have; shape it with -HistogramSchema and -HistogramBucketCount.", ignored[0]);
        }
        var shape = HistogramShape.Default with
        {
            Schema = HistogramSchema ?? HistogramShape.Default.Schema,
            Buckets = HistogramBuckets ?? HistogramShape.Default.Buckets,
        };
        shape.Validate();
        return shape;
    }

    public SeriesCharacteristics Apply(SeriesCharacteristics c) =>
        new(Min ?? c.Min, Max ?? c.Max, Jitter ?? c.Jitter, ScrapeInterval ?? c.ScrapeInterval, ChangeInterval ?? c.ChangeInterval);
}
