namespace ThanosLab.Engine.Generation;

/// <summary>
/// Produces one series' samples in time order, as thanosbench's series iterators do: call
/// <see cref="Next"/>, then read <see cref="Time"/> and <see cref="Value"/>.
/// </summary>
public abstract class SampleGenerator
{
    public long Time { get; protected set; }

    public double Value { get; protected set; }

    public abstract bool Next();

    public static SampleGenerator Create(SeriesType type, GoRandom random, long minTime, long maxTime, SeriesCharacteristics c) => type switch
    {
        SeriesType.Gauge => new GaugeGenerator(random, minTime, maxTime, c),
        SeriesType.Counter => new CounterGenerator(random, minTime, maxTime, c),
        SeriesType.Random => new RandomGenerator(random, minTime, maxTime, c),
        _ => throw new ThanosLabException(ErrorKind.InvalidArgument, "UnknownSeriesType",
            $"The series type '{type}' is not known; accepted: GAUGE, COUNTER, RANDOM.", type),
    };

    /// <summary><c>min + F()*((max-min)+1)</c>, each step a separate IEEE operation as in Go.</summary>
    protected static double Draw(GoRandom random, double min, double max)
    {
        var range = (max - min) + 1;
        var scaled = random.Float64() * range;
        return min + scaled;
    }

    protected static long Milliseconds(TimeSpan t) => t.Ticks / TimeSpan.TicksPerMillisecond;
}
