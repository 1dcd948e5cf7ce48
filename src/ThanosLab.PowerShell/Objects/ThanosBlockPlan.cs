using System.Collections.Specialized;
using ThanosLab.Binding;
using ThanosLab.Engine.Generation;

namespace ThanosLab;

/// <summary>
/// One planned block (thanosbench's block spec), as <c>Get-ThanosBlockPlan</c> emits it and
/// <c>New-ThanosBlockData</c> and <c>Export-ThanosBlockPlan</c> take it.
/// </summary>
public sealed class ThanosBlockPlan
{
    /// <summary>The profile the plan came from, or the plan file.</summary>
    public string Profile { get; set; } = "";

    /// <summary>Position in the plan, 0 = newest.</summary>
    public int Index { get; set; }

    /// <summary>Planned start (inclusive, ms precision). The written block starts at its first sample.</summary>
    public DateTimeOffset MinTime { get; set; }

    /// <summary>Planned end (ms precision).</summary>
    public DateTimeOffset MaxTime { get; set; }

    public TimeSpan Duration => MaxTime - MinTime + TimeSpan.FromMilliseconds(1);

    /// <summary>The block's external labels (the Thanos section of meta.json).</summary>
    public OrderedDictionary Labels { get; set; } = new();

    public ThanosSeriesSpec[] Series { get; set; } = Array.Empty<ThanosSeriesSpec>();

    /// <summary>Number of series the block will hold (every target of every spec).</summary>
    public long SeriesCount => Series.Sum(s => (long)s.Targets);

    /// <summary>Number of samples the block will hold (long.MaxValue for plans beyond it, which New-ThanosBlockData refuses).</summary>
    public long SampleCount => (long)Math.Min(long.MaxValue, Series.Sum(s => (double)s.Targets * SamplesPerSeries(s)));

    public string Source { get; set; } = "blockgen";

    private static long SamplesPerSeries(ThanosSeriesSpec s)
    {
        var interval = (long)s.ScrapeInterval.TotalMilliseconds;
        var span = s.MaxTime.ToUnixTimeMilliseconds() - s.MinTime.ToUnixTimeMilliseconds();
        return interval <= 0 || span < 0 ? 0 : span / interval + 1;
    }

    internal static ThanosBlockPlan From(BlockSpec b, string profile, int index) => new()
    {
        Profile = profile,
        Index = index,
        MinTime = DateTimeOffset.FromUnixTimeMilliseconds(b.MinTime),
        MaxTime = DateTimeOffset.FromUnixTimeMilliseconds(b.MaxTime),
        Labels = LabelArguments.ToDictionary(b.ExternalLabels),
        Series = b.Series.Select(ThanosSeriesSpec.From).ToArray(),
        Source = b.Source,
    };

    internal BlockSpec ToSpec() =>
        new(MinTime.ToUnixTimeMilliseconds(), MaxTime.ToUnixTimeMilliseconds(),
            Engine.Tsdb.Labels.LabelNameRules.ValidateExternal(LabelArguments.ToLabelSet(Labels, "external label")),
            Series.Select(s => s.ToSpec()).ToArray(), string.IsNullOrEmpty(Source) ? "blockgen" : Source);

    public override string ToString() =>
        $"{Profile}[{Index}] {MinTime.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} .. {MaxTime.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}";
}
