namespace ThanosLab;

/// <summary>How a local block stands in the bucket (Test-ThanosBucketUpload).</summary>
public enum ThanosUploadStatus
{
    /// <summary>meta.json and every file present with the local size (and hash when recorded), labels as expected.</summary>
    Uploaded,

    /// <summary>Nothing of the block in the bucket.</summary>
    Missing,

    /// <summary>Objects but no meta.json: an upload in progress or interrupted.</summary>
    Partial,

    /// <summary>meta.json present but does not read.</summary>
    CorruptMeta,

    /// <summary>meta.json present but a data file is not in the bucket.</summary>
    FileMissing,

    /// <summary>A file's size in the bucket or in meta.json differs from the local file.</summary>
    SizeMismatch,

    /// <summary>A file's recorded hash differs from the local file's.</summary>
    HashMismatch,

    /// <summary>The uploaded meta.json lacks an expected external label or has another value for it.</summary>
    LabelMismatch,

    /// <summary>Not something a shipper uploads (empty, or compacted without -UploadCompacted) and not in the bucket.</summary>
    NotEligible,
}
