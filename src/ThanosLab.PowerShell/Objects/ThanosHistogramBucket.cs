using System.Globalization;
using ThanosLab.Engine.Tsdb.Histograms;

namespace ThanosLab;

/// <summary>One populated bucket of a <see cref="ThanosHistogramSample"/>: its bounds and count.</summary>
public sealed class ThanosHistogramBucket
{
    private ThanosHistogramBucket(double lower, double upper, bool lowerInclusive, bool upperInclusive, double count)
    {
        Lower = lower;
        Upper = upper;
        LowerInclusive = lowerInclusive;
        UpperInclusive = upperInclusive;
        Count = count;
    }

    public double Lower { get; }

    public double Upper { get; }

    public bool LowerInclusive { get; }

    public bool UpperInclusive { get; }

    public double Count { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(LowerInclusive ? '[' : '(')}{Lower}, {Upper}{(UpperInclusive ? ']' : ')')}: {Count}");

    internal static ThanosHistogramBucket From(HistogramBucket b) => new(b.Lower, b.Upper, b.LowerInclusive, b.UpperInclusive, b.Count);
}
