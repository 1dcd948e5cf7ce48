namespace ThanosLab.Engine.Tsdb.Meta;

/// <summary>A parent block of a compacted block (<c>compaction.parents</c>).</summary>
public sealed record BlockDesc(Ulid Ulid, long MinTime, long MaxTime);
