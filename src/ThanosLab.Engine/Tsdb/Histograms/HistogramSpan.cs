namespace ThanosLab.Engine.Tsdb.Histograms;

/// <summary>
/// A run of <see cref="Length"/> consecutive buckets of a native histogram. The first span's
/// <see cref="Offset"/> is the index of its first bucket; a later span's is the gap after the
/// previous span's last bucket.
/// </summary>
public readonly record struct HistogramSpan(int Offset, uint Length);
