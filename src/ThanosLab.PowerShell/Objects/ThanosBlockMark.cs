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

    /// <summary>Why the block is kept out of compaction or downsampling (no-compact and no-downsample marks).</summary>
    public string? Reason { get; set; }

    /// <summary>Where the marker object is.</summary>
    public string BucketLocation { get; set; } = "";

    internal static ThanosBlockMark From(BlockMark mark, string location) => new()
    {
        Id = mark.Id,
        Kind = FromEngine(mark.Kind),
        Time = mark.Time,
        Details = mark.Details,
        Reason = mark.Kind == BlockMarkKind.Deletion ? null : mark.Reason,
        BucketLocation = location,
    };

    internal static BlockMarkKind ToEngine(ThanosBlockMarkKind kind) => kind switch
    {
        ThanosBlockMarkKind.Deletion => BlockMarkKind.Deletion,
        ThanosBlockMarkKind.NoCompact => BlockMarkKind.NoCompact,
        _ => BlockMarkKind.NoDownsample,
    };

    private static ThanosBlockMarkKind FromEngine(BlockMarkKind kind) => kind switch
    {
        BlockMarkKind.Deletion => ThanosBlockMarkKind.Deletion,
        BlockMarkKind.NoCompact => ThanosBlockMarkKind.NoCompact,
        _ => ThanosBlockMarkKind.NoDownsample,
    };

    public override string ToString() => $"{Id} {Kind}";
}
