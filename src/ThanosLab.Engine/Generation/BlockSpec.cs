using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// A planned block (thanosbench's <c>BlockSpec</c>): the planned time range (ms; the written block
/// takes its range from the data), the block's external labels and the series to generate.
/// </summary>
public sealed record BlockSpec(long MinTime, long MaxTime, LabelSet ExternalLabels, IReadOnlyList<SeriesSpec> Series, string Source = "blockgen")
{
    public TimeSpan Range => TimeSpan.FromMilliseconds(MaxTime - MinTime + 1);
}
