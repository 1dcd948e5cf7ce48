using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// Thanos' histogramAggregator: per window the number of histograms and their sum, and over the whole
/// batch the counter, the histograms added up with resets applied (a reset adds the histogram itself,
/// otherwise its increase over the previous one). Every histogram is first reduced to the batch's
/// lowest schema; reset detection sees it before that reduction, so a finer schema counts as a reset.
/// </summary>
public sealed class HistogramWindowAggregator
{
    private int _schema;
    private NativeHistogram? _previous;

    /// <summary>Histograms added since the batch began.</summary>
    public int Total { get; private set; }

    /// <summary>Histograms added since the window began.</summary>
    public int Count { get; private set; }

    /// <summary>The window's sum, marked gauge (a sum can go down from window to window).</summary>
    public NativeHistogram? Sum { get; private set; }

    /// <summary>The counter after the last histogram added.</summary>
    public NativeHistogram? Counter { get; private set; }

    /// <summary>Starts a batch whose histograms are reduced to <paramref name="schema"/>.</summary>
    public void StartBatch(int schema)
    {
        _schema = schema;
        _previous = null;
        Counter = null;
        Total = 0;
        StartWindow();
    }

    public void StartWindow()
    {
        Count = 0;
        Sum = null;
    }

    public void Add(NativeHistogram original)
    {
        var h = HistogramArithmetic.ToSchema(original, _schema);
        if (_previous is null)
        {
            Counter = h;
        }
        else if (h.CounterResetHint != CounterResetHint.Gauge && HistogramArithmetic.IsCounterReset(original, _previous))
        {
            Counter = HistogramArithmetic.Add(Counter!, h);
        }
        else
        {
            Counter = HistogramArithmetic.Add(Counter!, HistogramArithmetic.Subtract(h, _previous));
        }
        var sum = Sum is null ? h : HistogramArithmetic.Add(Sum, h);
        Sum = sum.CounterResetHint == CounterResetHint.Gauge ? sum : sum.WithCounterResetHint(CounterResetHint.Gauge);
        _previous = h;
        Count++;
        Total++;
    }
}
