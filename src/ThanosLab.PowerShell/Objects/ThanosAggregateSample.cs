using System.Globalization;
using ThanosLab.Engine.Series;

namespace ThanosLab;

/// <summary>
/// One window of a downsampled series as Thanos stores it: the window's timestamp, the count, sum,
/// min and max of its raw samples and the counter (resets applied) after it; null where the chunk
/// holds no such aggregate. A native-histogram series' window has the count of histograms in it and
/// its sum and counter as histograms (<see cref="SumHistogram"/>, <see cref="CounterHistogram"/>),
/// and no float sum, min, max or counter.
/// </summary>
public sealed class ThanosAggregateSample
{
    public ThanosAggregateSample(DateTimeOffset timestamp, double? count, double? sum, double? min, double? max, double? counter,
        ThanosHistogramSample? sumHistogram = null, ThanosHistogramSample? counterHistogram = null)
    {
        Timestamp = timestamp;
        Count = count;
        Sum = sum;
        Min = min;
        Max = max;
        Counter = counter;
        SumHistogram = sumHistogram;
        CounterHistogram = counterHistogram;
    }

    public DateTimeOffset Timestamp { get; }

    public double? Count { get; }

    public double? Sum { get; }

    public double? Min { get; }

    public double? Max { get; }

    public double? Counter { get; }

    /// <summary>A native-histogram series' window: the sum of its histograms.</summary>
    public ThanosHistogramSample? SumHistogram { get; }

    /// <summary>A native-histogram series' window: the counter histogram (resets applied) at its end.</summary>
    public ThanosHistogramSample? CounterHistogram { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} count={Count} sum={(object?)Sum ?? Describe(SumHistogram)} min={Min} max={Max} counter={(object?)Counter ?? Describe(CounterHistogram)}");

    private static string? Describe(ThanosHistogramSample? h) => h is null ? null
        : string.Create(CultureInfo.InvariantCulture, $"[histogram count {h.Count} sum {h.Sum}, {h.Buckets.Length} buckets]");

    internal static ThanosAggregateSample From(AggregateSample a) => new(DateTimeOffset.FromUnixTimeMilliseconds(a.Timestamp), a.Count, a.Sum, a.Min, a.Max, a.Counter,
        a.SumHistogram is { } sum ? ThanosHistogramSample.From(a.Timestamp, sum) : null,
        a.CounterHistogram is { } counter ? ThanosHistogramSample.From(a.Timestamp, counter) : null);
}
