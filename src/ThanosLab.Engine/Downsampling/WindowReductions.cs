using System.Runtime.CompilerServices;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// One aggregate of Thanos' float aggregator as a value folded over a window's samples.
/// Implemented by structs so that a generic loop over them compiles to one specialized loop per
/// aggregate with its state in registers.
/// </summary>
public interface IWindowReduction
{
    /// <summary>Starts a new window; the counter carries its total across windows.</summary>
    void StartWindow();

    void Add(double v);

    double Result { get; }
}

/// <summary>The sum of a window's values (also the count aggregate re-aggregated: a sum of counts).</summary>
public struct SumReduction : IWindowReduction
{
    private double _sum;

    public void StartWindow() => _sum = 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double v) => _sum += v;

    public readonly double Result => _sum;
}

/// <summary>The smallest of a window's values; NaN never compares lower, so it is passed over.</summary>
public struct MinReduction : IWindowReduction
{
    private double _min;

    public void StartWindow() => _min = double.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double v)
    {
        if (v < _min)
        {
            _min = v;
        }
    }

    public readonly double Result => _min;
}

/// <summary>The largest of a window's values; NaN never compares higher, so it is passed over.</summary>
public struct MaxReduction : IWindowReduction
{
    private double _max;

    public void StartWindow() => _max = -double.MaxValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double v)
    {
        if (v > _max)
        {
            _max = v;
        }
    }

    public readonly double Result => _max;
}

/// <summary>
/// The counter over a whole batch: it starts at the batch's first value and adds each increase, or
/// all of a value below the one before (a reset).
/// </summary>
public struct CounterReduction : IWindowReduction
{
    private double _counter;
    private double _previous;
    private bool _started;

    public readonly void StartWindow()
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double v)
    {
        if (!_started)
        {
            _counter = v;
            _started = true;
        }
        else if (v < _previous)
        {
            _counter += v;
        }
        else
        {
            _counter += v - _previous;
        }
        _previous = v;
    }

    public readonly double Result => _counter;
}
