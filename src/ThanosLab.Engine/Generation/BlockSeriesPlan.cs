using System.Globalization;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// The series of one block spec in the index's order, held as numbers: a series is a spec and a
/// target, and its labels are the spec's labels with <c>__blockgen_target__</c> set to the target,
/// as symbol references. Nothing per series is a string, a label set or a collection, so a block of
/// a million series costs a few bytes per series to plan and sort.
/// </summary>
internal sealed class BlockSeriesPlan
{
    private readonly string[] _targetValues;
    private readonly int[] _targetRefs;

    // Per spec: its labels' references, name and value after each other, with -1 where the target's
    // value goes.
    private readonly int[][] _templates;
    private readonly PlannedSeries[] _series;

    /// <summary>One series: the index of its spec in the block spec and its target (1 or more).</summary>
    public readonly record struct PlannedSeries(int Spec, int Target);

    private BlockSeriesPlan(string[] targetValues, int[] targetRefs, int[][] templates, PlannedSeries[] series)
    {
        _targetValues = targetValues;
        _targetRefs = targetRefs;
        _templates = templates;
        _series = series;
    }

    /// <summary>The series in label-set order.</summary>
    public ReadOnlySpan<PlannedSeries> Series => _series;

    /// <summary>The value of the target label of <paramref name="target"/>.</summary>
    public string TargetValue(int target) => _targetValues[target - 1];

    /// <summary>
    /// Writes the spec's symbols into <paramref name="index"/> and orders its series; refuses a
    /// label set given twice.
    /// </summary>
    public static BlockSeriesPlan Plan(BlockSpec spec, IndexWriter index)
    {
        var maxTargets = spec.Series.Count == 0 ? 0 : spec.Series.Max(s => s.Targets);
        var targetValues = new string[maxTargets];
        for (var i = 0; i < targetValues.Length; i++)
        {
            targetValues[i] = (i + 1).ToString(CultureInfo.InvariantCulture);
        }
        var labels = spec.Series.Select(s => s.Labels.Where(l => l.Name != SeriesSpec.TargetLabel)
            .Append(new Label(SeriesSpec.TargetLabel, ""))
            .OrderBy(l => l.Name, Utf8ByteOrder.Instance)
            .ToArray()).ToArray();
        index.AddSymbols(labels.SelectMany(ls => ls).SelectMany(l => new[] { l.Name, l.Value })
            .Where(s => s.Length > 0).Concat(targetValues));

        var templates = labels.Select(ls => ls.SelectMany(l => new[]
        {
            index.SymbolRef(l.Name), l.Name == SeriesSpec.TargetLabel ? -1 : index.SymbolRef(l.Value),
        }).ToArray()).ToArray();
        var targetRefs = new int[maxTargets + 1];
        for (var t = 1; t <= maxTargets; t++)
        {
            targetRefs[t] = index.SymbolRef(targetValues[t - 1]);
        }

        var series = new PlannedSeries[spec.Series.Sum(s => (long)s.Targets)];
        var n = 0;
        for (var s = 0; s < spec.Series.Count; s++)
        {
            for (var t = spec.Series[s].Targets; t >= 1; t--)
            {
                series[n++] = new PlannedSeries(s, t);
            }
        }
        var plan = new BlockSeriesPlan(targetValues, targetRefs, templates, series);
        Array.Sort(series, plan.Compare);
        for (var i = 1; i < series.Length; i++)
        {
            if (plan.Compare(series[i - 1], series[i]) == 0)
            {
                var duplicate = plan.Labels(series[i], spec).ToString();
                throw new ThanosLabException(ErrorKind.InvalidArgument, "DuplicateSeries",
                    $"The block spec lists series {duplicate} more than once; each label set may appear once.", duplicate);
            }
        }
        return plan;
    }

    /// <summary>Writes the label references of <paramref name="series"/> into <paramref name="refs"/> and returns how many there are.</summary>
    public int LabelRefs(PlannedSeries series, Span<int> refs)
    {
        var template = _templates[series.Spec];
        for (var i = 0; i < template.Length; i++)
        {
            refs[i] = template[i] < 0 ? _targetRefs[series.Target] : template[i];
        }
        return template.Length;
    }

    /// <summary>The most label references a series has.</summary>
    public int MaxLabelRefs => _templates.Length == 0 ? 0 : _templates.Max(t => t.Length);

    private LabelSet Labels(PlannedSeries series, BlockSpec spec) =>
        spec.Series[series.Spec].Labels.Merge(LabelSet.Create(new[] { new Label(SeriesSpec.TargetLabel, TargetValue(series.Target)) }));

    // Label by label, name then value; a prefix sorts first. References compare as their symbols do.
    private int Compare(PlannedSeries a, PlannedSeries b)
    {
        var x = _templates[a.Spec];
        var y = _templates[b.Spec];
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var u = x[i] < 0 ? _targetRefs[a.Target] : x[i];
            var v = y[i] < 0 ? _targetRefs[b.Target] : y[i];
            if (u != v)
            {
                return u < v ? -1 : 1;
            }
        }
        return x.Length - y.Length;
    }
}
