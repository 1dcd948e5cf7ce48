using System.Globalization;

namespace ThanosLab;

/// <summary>
/// One window of a downsampled series as Thanos stores it: the window's timestamp, the count, sum,
/// min and max of its raw samples and the counter (resets applied) after it; null where the chunk
/// holds no such aggregate.
/// </summary>
public sealed class ThanosAggregateSample
{
    public ThanosAggregateSample(DateTimeOffset timestamp, double? count, double? sum, double? min, double? max, double? counter)
    {
        Timestamp = timestamp;
        Count = count;
        Sum = sum;
        Min = min;
        Max = max;
        Counter = counter;
    }

    public DateTimeOffset Timestamp { get; }

    public double? Count { get; }

    public double? Sum { get; }

    public double? Min { get; }

    public double? Max { get; }

    public double? Counter { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} count={Count} sum={Sum} min={Min} max={Max} counter={Counter}");
}
