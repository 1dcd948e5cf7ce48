namespace ThanosLab;

/// <summary>
/// One sample of a query result or a raw block. A class, not a struct, so it is cheap to pass around in
/// PowerShell; <see cref="ThanosHistogramSample"/> is its native-histogram kind.
/// </summary>
public class ThanosSample
{
    public ThanosSample(DateTimeOffset timestamp, double value)
    {
        Timestamp = timestamp;
        Value = value;
    }

    public DateTimeOffset Timestamp { get; }

    /// <summary>The value; NaN and ±Infinity as Prometheus returns them.</summary>
    public double Value { get; }

    public override string ToString() => $"{Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff} {Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
