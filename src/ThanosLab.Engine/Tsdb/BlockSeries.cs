using ThanosLab.Engine.Tsdb.Chunks;
using ThanosLab.Engine.Tsdb.Labels;
namespace ThanosLab.Engine.Tsdb;

/// <summary>A series of a block as <see cref="BlockReader"/> returns it: reference, labels and chunk metas.</summary>
public sealed record BlockSeries(uint Ref, LabelSet Labels, IReadOnlyList<SeriesChunk> Chunks);
