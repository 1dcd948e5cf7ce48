using ThanosLab.Engine.Tsdb.Histograms;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Series;

/// <summary>
/// One window of a downsampled series: its timestamp and the aggregates Thanos stores for it; an
/// aggregate the chunk does not hold is null. <see cref="Counter"/> is the counter state after the window.
/// A native-histogram series' window (Thanos &gt;= 0.38) has <see cref="Count"/> (the histograms in it),
/// <see cref="SumHistogram"/> (their sum) and <see cref="CounterHistogram"/> (the running total, resets
/// applied, at the window's end); its float Sum, Min, Max and Counter are null.
/// </summary>
public readonly record struct AggregateSample(long Timestamp, double? Count, double? Sum, double? Min, double? Max, double? Counter,
    NativeHistogram? SumHistogram = null, NativeHistogram? CounterHistogram = null);

/// <summary>
/// The samples of one series of one block within a time range: raw samples for a raw block, one
/// <see cref="AggregateSample"/> per window for a downsampled block, and native-histogram samples
/// (<see cref="Histograms"/>, null when there are none).
/// </summary>
public sealed record SeriesSamples(LabelSet Labels, long Resolution, IReadOnlyList<(long Timestamp, double Value)> Raw, IReadOnlyList<AggregateSample> Aggregates,
    IReadOnlyList<(long Timestamp, NativeHistogram Histogram)>? Histograms = null);
