using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Objstore;

namespace ThanosLab;

/// <summary>
/// A Thanos object-storage configuration, from New-ThanosBucketConfig or Import-ThanosConfig; what
/// -Bucket parameters take. Shows where the bucket is, never the secret.
/// </summary>
public sealed class ThanosBucketConfig : IThanosConfig
{
    internal ThanosBucketConfig(BucketConfig config) => Config = config;

    internal BucketConfig Config { get; }

    IConfigDocument IThanosConfig.Document => Config;

    /// <summary>S3 or FILESYSTEM.</summary>
    public string Type => Config.Type;

    public string Prefix => Config.Prefix;

    /// <summary>s3://bucket/prefix or the bucket directory.</summary>
    public string Location => Config.Location;

    public override string ToString() => Location;
}
