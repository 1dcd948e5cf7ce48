namespace ThanosLab.Engine.Objstore;

/// <summary>The block markers a user may set (formats.md §10).</summary>
public enum BlockMarkKind
{
    /// <summary><c>deletion-mark.json</c>: the compactor deletes the block after its delete delay.</summary>
    Deletion,

    /// <summary><c>no-compact-mark.json</c>: the compactor leaves the block out of compaction.</summary>
    NoCompact,

    /// <summary><c>no-downsample-mark.json</c>: the compactor leaves the block out of downsampling.</summary>
    NoDownsample,
}
