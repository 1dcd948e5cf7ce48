namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's COUNTER: a rate target drawn once, spread over batches of 5m/interval increments
/// with random weights; every change interval one batch is nudged by a jitter (capped at the rate).
/// </summary>
public sealed class CounterGenerator : SampleGenerator
{
    private static readonly long RateInterval = (long)TimeSpan.FromMinutes(5).TotalMilliseconds;

    private readonly double[] _weights;
    private readonly long[] _bufferTimes;
    private readonly double[] _bufferValues;
    private int _bufferStart;
    private int _bufferEnd;
    private bool _initialised;
    private double _rate;
    private double _last;
    private long _elapsed;

    public CounterGenerator(GoRandom random, long minTime, long maxTime, SeriesCharacteristics c)
        : base(random, minTime, maxTime, c)
    {
        var batch = (int)(RateInterval / Interval);
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
            _elapsed += Interval;
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
            _rate = DrawLevel();
            _initialised = true;
        }
        var mod = 0.0;
        if (Characteristics.Jitter > 0 && _elapsed >= ChangeInterval)
        {
            mod = (Random.Float64() - 0.5) * Characteristics.Jitter;
            if (mod > _rate)
            {
                mod = _rate;
            }
            _elapsed = 0;
        }
        var sum = 0.0;
        for (var i = 0; i < _weights.Length; i++)
        {
            _weights[i] = Random.Float64();
            sum += _weights[i];
        }
        var x = _rate + mod / sum;
        _bufferStart = 0;
        _bufferEnd = 0;
        for (var i = 0; i < _weights.Length && Current <= MaxTime; i++)
        {
            _last += x * _weights[i];
            Current += Interval;
            _bufferTimes[_bufferEnd] = Current;
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
