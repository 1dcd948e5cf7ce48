namespace ThanosLab.Engine.Generation;

/// <summary>
/// Produces one series' samples in time order, as thanosbench's series iterators do: call
/// <see cref="Next"/>, then read <see cref="Time"/> and <see cref="Value"/>. Every generator
/// starts at the series' MinTime and steps by the scrape interval.
/// </summary>
public abstract class SampleGenerator
{
    protected SampleGenerator(GoRandom random, long minTime, long maxTime, SeriesCharacteristics c)
    {
        Random = random;
        Current = minTime;
        MaxTime = maxTime;
        Interval = Milliseconds(c.ScrapeInterval);
        ChangeInterval = Milliseconds(c.ChangeInterval);
        Characteristics = c;
    }

    public long Time { get; protected set; }

    public double Value { get; protected set; }

    protected GoRandom Random { get; }

    protected long MaxTime { get; }

    protected long Interval { get; }

    protected long ChangeInterval { get; }

    protected SeriesCharacteristics Characteristics { get; }

    /// <summary>The generator's clock: the timestamp of the last sample, or MinTime before the first.</summary>
    protected long Current { get; set; }

    public abstract bool Next();

    public static SampleGenerator Create(SeriesType type, GoRandom random, long minTime, long maxTime, SeriesCharacteristics c, HistogramShape? histogram = null) => type switch
    {
        SeriesType.Gauge => new GaugeGenerator(random, minTime, maxTime, c),
        SeriesType.Counter => new CounterGenerator(random, minTime, maxTime, c),
        SeriesType.Random => new RandomGenerator(random, minTime, maxTime, c),
        SeriesType.Histogram => new LatencyHistogramGenerator(random, minTime, maxTime, c, histogram ?? HistogramShape.Default, gauge: false),
        SeriesType.FloatHistogram => new LatencyHistogramGenerator(random, minTime, maxTime, c, histogram ?? HistogramShape.Default, gauge: true),
        _ => throw new ThanosLabException(ErrorKind.InvalidArgument, "UnknownSeriesType",
            $"The series type '{type}' is not known; accepted: {BlockPlanYaml.TypeNames}.", type),
    };

    /// <summary><c>min + F()*((max-min)+1)</c>, each step a separate IEEE operation as in Go.</summary>
    protected double DrawLevel()
    {
        var range = (Characteristics.Max - Characteristics.Min) + 1;
        var scaled = Random.Float64() * range;
        return Characteristics.Min + scaled;
    }

    private static long Milliseconds(TimeSpan t) => t.Ticks / TimeSpan.TicksPerMillisecond;
}
