using ThanosLab.Engine.Objstore;

namespace ThanosLab;

/// <summary>A marker object beside a block in a bucket (Set-ThanosBlockMark).</summary>
public sealed class ThanosBlockMark
{
    public string Id { get; set; } = "";

    public ThanosBlockMarkKind Kind { get; set; }

    /// <summary>When the block was marked (whole seconds, as stored).</summary>
    public DateTimeOffset Time { get; set; }

    public string Details { get; set; } = "";

    /// <summary>Why the block is kept out of compaction (no-compact marks only).</summary>
    public string? Reason { get; set; }

    /// <summary>Where the marker object is.</summary>
    public string BucketLocation { get; set; } = "";

    internal static ThanosBlockMark From(BlockMark mark, string location) => new()
    {
        Id = mark.Id,
        Kind = mark.Kind == BlockMarkKind.Deletion ? ThanosBlockMarkKind.Deletion : ThanosBlockMarkKind.NoCompact,
        Time = mark.Time,
        Details = mark.Details,
        Reason = mark.Kind == BlockMarkKind.NoCompact ? mark.Reason : null,
        BucketLocation = location,
    };

    internal static BlockMarkKind ToEngine(ThanosBlockMarkKind kind) => kind == ThanosBlockMarkKind.Deletion ? BlockMarkKind.Deletion : BlockMarkKind.NoCompact;

    public override string ToString() => $"{Id} {Kind}";
}
