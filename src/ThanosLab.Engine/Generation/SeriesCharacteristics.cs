namespace ThanosLab.Engine.Generation;

/// <summary>How a generated series behaves (thanosbench's <c>seriesgen.Characteristics</c>).</summary>
public sealed record SeriesCharacteristics(double Min, double Max, double Jitter, TimeSpan ScrapeInterval, TimeSpan ChangeInterval)
{
    /// <summary>Every thanosbench profile uses these values.</summary>
    public static readonly SeriesCharacteristics ProfileDefault =
        new(1e7, 2e8, 3e7, TimeSpan.FromSeconds(15), TimeSpan.FromHours(1));

    public void Validate()
    {
        if (!Durations.GoDuration.InRange(ScrapeInterval)) throw Durations.GoDuration.OutOfRange(ScrapeInterval, "scrape interval");
        if (!Durations.GoDuration.InRange(ChangeInterval)) throw Durations.GoDuration.OutOfRange(ChangeInterval, "change interval");
        if (ScrapeInterval < TimeSpan.FromMilliseconds(1))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidScrapeInterval",
                $"The scrape interval {Durations.GoDuration.Format(ScrapeInterval)} is not accepted: it must be at least 1ms (thanosbench profiles use 15s).", ScrapeInterval);
        }
        if (ScrapeInterval.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidScrapeInterval",
                $"The scrape interval {Durations.GoDuration.Format(ScrapeInterval)} is not a whole number of milliseconds, the TSDB's time unit.", ScrapeInterval);
        }
        if (ChangeInterval <= TimeSpan.Zero)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidChangeInterval",
                $"The change interval {Durations.GoDuration.Format(ChangeInterval)} is not accepted: it must be positive (thanosbench profiles use 1h).", ChangeInterval);
        }
        if (double.IsNaN(Min) || double.IsNaN(Max) || double.IsInfinity(Min) || double.IsInfinity(Max) || Min > Max)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidValueRange",
                $"The value range min {Min} / max {Max} is not accepted: both must be finite and min must not exceed max.", Min);
        }
        if (double.IsNaN(Jitter) || double.IsInfinity(Jitter) || Jitter < 0)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidJitter",
                $"The jitter {Jitter} is not accepted: it must be a finite number of at least 0.", Jitter);
        }
    }
}
