namespace ThanosLab.Engine.Objstore;

/// <summary>What the shipper does with a local block (formats.md §11).</summary>
public enum UploadDecision
{
    /// <summary>Not in the bucket yet: uploaded.</summary>
    Upload,

    /// <summary>Listed in thanos.shipper.json: skipped without asking the bucket, as the shipper does.</summary>
    AlreadyRecorded,

    /// <summary>Its meta.json is already in the bucket: recorded, not uploaded again.</summary>
    AlreadyInBucket,

    /// <summary>No samples: the shipper ignores empty blocks.</summary>
    Empty,

    /// <summary>Compaction level above 1 and compacted uploads not asked for.</summary>
    Compacted,
}
