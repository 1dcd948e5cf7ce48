namespace ThanosLab.Engine.Tsdb.Meta;

/// <summary>meta.json <c>stats</c>: trusted by Prometheus and Thanos, never recomputed by them.</summary>
public sealed record BlockStats(ulong NumSamples, ulong NumSeries, ulong NumChunks, ulong NumTombstones = 0);
