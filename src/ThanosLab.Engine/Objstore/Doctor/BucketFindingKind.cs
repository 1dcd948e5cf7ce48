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

    /// <summary>With -Deep: chunks of a series that overlap or are out of order, or samples that go back in time.</summary>
    OutOfOrderChunks,

    /// <summary>With -Deep: what Test-ThanosBlock finds in the index or the chunks, other than the order of chunks.</summary>
    IndexIssue,

    /// <summary>With -Deep: meta.json's stats or time range disagree with the block's data.</summary>
    MetaMismatch,
}
