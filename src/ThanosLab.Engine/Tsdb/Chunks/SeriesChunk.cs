namespace ThanosLab.Engine.Tsdb.Chunks;

/// <summary>
/// A chunk as the index records it: the first and last sample timestamps (closed interval) and the
/// chunk reference <c>segmentIndex &lt;&lt; 32 | offset</c> (formats.md §4, §7.3).
/// </summary>
public readonly record struct SeriesChunk(long MinTime, long MaxTime, ulong Ref);
