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

    public static readonly PlanOverrides None = new();

    public SeriesCharacteristics Apply(SeriesCharacteristics c) =>
        new(Min ?? c.Min, Max ?? c.Max, Jitter ?? c.Jitter, ScrapeInterval ?? c.ScrapeInterval, ChangeInterval ?? c.ChangeInterval);
}
