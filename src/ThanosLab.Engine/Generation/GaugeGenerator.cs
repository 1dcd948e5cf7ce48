namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's GAUGE: a random level in [min, max+1) offset by a jitter that changes every
/// change interval; the first sample is one interval after the series' MinTime.
/// </summary>
public sealed class GaugeGenerator : SampleGenerator
{
    private readonly GoRandom _random;
    private readonly long _maxTime;
    private readonly long _interval;
    private readonly long _changeInterval;
    private readonly double _jitter;
    private readonly double _level;
    private double _mod;
    private long _current;
    private long _elapsed;

    public GaugeGenerator(GoRandom random, long minTime, long maxTime, SeriesCharacteristics c)
    {
        _random = random;
        _current = minTime;
        _maxTime = maxTime;
        _interval = Milliseconds(c.ScrapeInterval);
        _changeInterval = Milliseconds(c.ChangeInterval);
        _jitter = c.Jitter;
        _level = minTime <= maxTime ? Draw(random, c.Min, c.Max) : 0;
    }

    public override bool Next()
    {
        if (_current > _maxTime)
        {
            return false;
        }
        if (_jitter > 0 && _elapsed >= _changeInterval)
        {
            _mod = (_random.Float64() - 0.5) * _jitter;
            _elapsed = 0;
        }
        _current += _interval;
        _elapsed += _interval;
        Time = _current;
        Value = _level + _mod;
        return true;
    }
}
