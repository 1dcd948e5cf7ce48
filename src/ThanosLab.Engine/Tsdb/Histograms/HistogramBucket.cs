namespace ThanosLab.Engine.Tsdb.Histograms;

/// <summary>One bucket of a native histogram with its bounds, as Prometheus' query API shows it.</summary>
public readonly record struct HistogramBucket(double Lower, double Upper, bool LowerInclusive, bool UpperInclusive, double Count)
{
    /// <summary>Prometheus' JSON code of the bounds: 0 (lower, upper], 1 [lower, upper), 2 (lower, upper), 3 [lower, upper].</summary>
    public int Boundaries => (LowerInclusive, UpperInclusive) switch
    {
        (false, true) => 0,
        (true, false) => 1,
        (false, false) => 2,
        (true, true) => 3,
    };

    public static HistogramBucket FromBoundaries(int boundaries, double lower, double upper, double count) =>
        new(lower, upper, boundaries is 1 or 3, boundaries is 0 or 3, count);
}
