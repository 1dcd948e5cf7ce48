namespace ThanosLab.Engine.Lab;

/// <summary>Where the tutorial mounts files into Thanos containers.</summary>
public static class ThanosContainerPaths
{
    /// <summary>The objstore configuration (the tutorial's bucket_storage.yaml).</summary>
    public const string BucketConfig = "/etc/thanos/minio-bucket.yaml";

    /// <summary>The Prometheus TSDB directory the uploading sidecar reads.</summary>
    public const string Tsdb = "/prometheus";
}
