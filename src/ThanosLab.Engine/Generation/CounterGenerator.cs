namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's COUNTER: a rate target drawn once, spread over batches of 5m/interval increments
/// with random weights; every change interval one batch is nudged by a jitter (capped at the rate).
/// </summary>
public sealed class CounterGenerator : SampleGenerator
{
    private static readonly long RateInterval = (long)TimeSpan.FromMinutes(5).TotalMilliseconds;

    private readonly GoRandom _random;
    private readonly long _maxTime;
    private readonly long _interval;
    private readonly long _changeInterval;
    private readonly double _jitter;
    private readonly double _min;
    private readonly double _max;
    private readonly double[] _weights;
    private readonly long[] _bufferTimes;
    private readonly double[] _bufferValues;
    private int _bufferStart;
    private int _bufferEnd;
    private bool _initialised;
    private double _rate;
    private double _last;
    private long _current;
    private long _elapsed;

    public CounterGenerator(GoRandom random, long minTime, long maxTime, SeriesCharacteristics c)
    {
        _random = random;
        _current = minTime;
        _maxTime = maxTime;
        _interval = Milliseconds(c.ScrapeInterval);
        _changeInterval = Milliseconds(c.ChangeInterval);
        _jitter = c.Jitter;
        _min = c.Min;
        _max = c.Max;
        var batch = (int)(RateInterval / _interval);
        _weights = new double[batch];
        _bufferTimes = new long[batch];
        _bufferValues = new double[batch];
    }

    public override bool Next()
    {
        // thanosbench counts every call towards the change interval, the last one included.
        try
        {
            return Advance();
        }
        finally
        {
            _elapsed += _interval;
        }
    }

    private bool Advance()
    {
        if (_initialised && _bufferStart == _bufferEnd)
        {
            return false;
        }
        if (_bufferStart < _bufferEnd && ++_bufferStart < _bufferEnd)
        {
            Emit();
            return true;
        }
        if (!_initialised)
        {
            _rate = Draw(_random, _min, _max);
            _initialised = true;
        }
        var mod = 0.0;
        if (_jitter > 0 && _elapsed >= _changeInterval)
        {
            mod = (_random.Float64() - 0.5) * _jitter;
            if (mod > _rate)
            {
                mod = _rate;
            }
            _elapsed = 0;
        }
        var sum = 0.0;
        for (var i = 0; i < _weights.Length; i++)
        {
            _weights[i] = _random.Float64();
            sum += _weights[i];
        }
        var x = _rate + mod / sum;
        _bufferStart = 0;
        _bufferEnd = 0;
        for (var i = 0; i < _weights.Length && _current <= _maxTime; i++)
        {
            _last += x * _weights[i];
            _current += _interval;
            _bufferTimes[_bufferEnd] = _current;
            _bufferValues[_bufferEnd] = _last;
            _bufferEnd++;
        }
        if (_bufferEnd == 0)
        {
            return false;
        }
        Emit();
        return true;
    }

    private void Emit()
    {
        Time = _bufferTimes[_bufferStart];
        Value = _bufferValues[_bufferStart];
    }
}
