using ThanosLab.Engine.Configuration;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// A Thanos objstore configuration (bucket_storage.yaml): the provider type, its settings and the
/// key prefix. Knows how to open a client for the bucket it describes.
/// </summary>
public abstract class BucketConfig : IConfigDocument
{
    public ConfigKind Kind => ConfigKind.Bucket;

    /// <summary>The objstore type as Thanos spells it: S3 or FILESYSTEM.</summary>
    public abstract string Type { get; }

    /// <summary>Key prefix inside the bucket, without leading or trailing '/'; empty for none.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>Where the bucket is, for people (never a secret): <c>s3://bucket/prefix</c> or a directory.</summary>
    public abstract string Location { get; }

    public abstract bool ContainsSecret { get; }

    public abstract string ToYaml();

    /// <summary>A client for the bucket. The caller disposes it.</summary>
    public abstract IBucket Open();
}
