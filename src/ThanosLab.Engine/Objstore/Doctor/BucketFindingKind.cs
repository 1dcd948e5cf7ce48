namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>What a bucket check found; each kind is one check (see <see cref="BucketDoctor"/>).</summary>
public enum BucketFindingKind
{
    /// <summary>Blocks of one stream whose time ranges intersect: the compactor halts on them.</summary>
    Overlap,

    /// <summary>A block whose compaction sources are all inside another block's of the same stream.</summary>
    DuplicateCompaction,

    /// <summary>A block prefix without meta.json.</summary>
    PartialUpload,

    /// <summary>A block old enough to be downsampled that no block of the next resolution covers.</summary>
    MissingDownsample,

    /// <summary>A block with a deletion mark, waiting for the compactor's delete delay.</summary>
    DeletionPending,

    /// <summary>A meta.json (or deletion mark) that does not read.</summary>
    UnreadableMeta,
}
