namespace ThanosLab;

/// <summary>The block markers Set-ThanosBlockMark and Remove-ThanosBlockMark handle.</summary>
public enum ThanosBlockMarkKind
{
    /// <summary>deletion-mark.json: the compactor deletes the block after its delete delay (48h by default).</summary>
    Deletion,

    /// <summary>no-compact-mark.json: the compactor leaves the block out of compaction.</summary>
    NoCompact,

    /// <summary>no-downsample-mark.json: the compactor leaves the block out of downsampling.</summary>
    NoDownsample,
}
