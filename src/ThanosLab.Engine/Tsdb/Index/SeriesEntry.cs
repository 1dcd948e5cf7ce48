using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Labels;
namespace ThanosLab.Engine.Tsdb.Index;

/// <summary>
/// One decoded series entry of the index (formats.md §7.3), reused from series to series: label
/// symbol references as stored (name, value, name, value …) and the chunk metas.
/// </summary>
public sealed class SeriesEntry
{
    /// <summary>Where the entry starts in the index; the series reference is this divided by 16.</summary>
    public long Offset { get; internal set; }

    public uint Ref => (uint)(Offset / 16);

    /// <summary>Symbol ordinals: name of label 0, value of label 0, name of label 1 …</summary>
    public List<int> LabelSymbols { get; } = new();

    public List<SeriesChunk> Chunks { get; } = new();

    public int LabelCount => LabelSymbols.Count / 2;

    /// <summary>The labels as stored (their order is whatever the file holds).</summary>
    public LabelSet Labels(IReadOnlyList<string> symbols)
    {
        var labels = new Label[LabelCount];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = new Label(symbols[LabelSymbols[2 * i]], symbols[LabelSymbols[2 * i + 1]]);
        }
        return LabelSet.FromSorted(labels);
    }
}
