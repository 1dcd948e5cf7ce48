namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's GAUGE: a random level in [min, max+1) offset by a jitter that changes every
/// change interval; the first sample is one interval after the series' MinTime.
/// </summary>
public sealed class GaugeGenerator : SampleGenerator
{
    private readonly double _level;
    private double _mod;
    private long _elapsed;

    public GaugeGenerator(GoRandom random, long minTime, long maxTime, SeriesCharacteristics c)
        : base(random, minTime, maxTime, c)
    {
        // thanosbench draws the level on the first step, which exists only for a non-empty range.
        _level = minTime <= maxTime ? DrawLevel() : 0;
    }

    public override bool Next()
    {
        if (Current > MaxTime)
        {
            return false;
        }
        if (Characteristics.Jitter > 0 && _elapsed >= ChangeInterval)
        {
            _mod = (Random.Float64() - 0.5) * Characteristics.Jitter;
            _elapsed = 0;
        }
        Current += Interval;
        _elapsed += Interval;
        Time = Current;
        Value = _level + _mod;
        return true;
    }
}
