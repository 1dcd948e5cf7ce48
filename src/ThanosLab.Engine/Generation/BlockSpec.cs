using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// A planned block (thanosbench's <c>BlockSpec</c>): the planned time range (ms; the written block
/// takes its range from the data), the block's external labels and the series to generate.
/// </summary>
public sealed record BlockSpec(long MinTime, long MaxTime, LabelSet ExternalLabels, IReadOnlyList<SeriesSpec> Series, string Source = "blockgen")
{
    /// <summary>The earliest and latest plan times (Unix ms): those of 0001-01-01 and 9999-12-31, the instants .NET can show.</summary>
    public static readonly long EarliestTime = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    public static readonly long LatestTime = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public TimeSpan Range => TimeSpan.FromMilliseconds(MaxTime - MinTime + 1);

    /// <summary>The range the written block's meta.json will show (first sample to last + 1 ms); null without series.</summary>
    public (long MinTime, long MaxTime)? WrittenRange =>
        Series.Count == 0 ? null : (Series.Min(s => s.SampleTimes.First), Series.Max(s => s.SampleTimes.Last) + 1);

    /// <summary>Refuses a time outside [<see cref="EarliestTime"/>, <see cref="LatestTime"/>], naming <paramref name="what"/>.</summary>
    public static void ValidateTime(long ms, string what)
    {
        if (ms < EarliestTime || ms > LatestTime)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "PlanTimeOutOfRange",
                $"The {what} {ms} is out of range: plan times are Unix milliseconds from {EarliestTime} (0001-01-01) to {LatestTime} (9999-12-31).", ms);
        }
    }
}
