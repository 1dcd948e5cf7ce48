namespace ThanosLab.Engine.Generation;

/// <summary>thanosbench's RANDOM: an independent draw in [min, max+1) at every scrape.</summary>
public sealed class RandomGenerator : SampleGenerator
{
    private readonly GoRandom _random;
    private readonly long _maxTime;
    private readonly long _interval;
    private readonly double _min;
    private readonly double _max;
    private long _current;

    public RandomGenerator(GoRandom random, long minTime, long maxTime, SeriesCharacteristics c)
    {
        _random = random;
        _current = minTime;
        _maxTime = maxTime;
        _interval = Milliseconds(c.ScrapeInterval);
        _min = c.Min;
        _max = c.Max;
    }

    public override bool Next()
    {
        if (_current > _maxTime)
        {
            return false;
        }
        _current += _interval;
        Time = _current;
        Value = Draw(_random, _min, _max);
        return true;
    }
}
