namespace ThanosLab.Engine.Configuration;

/// <summary>The kinds of configuration file ThanosLab writes and reads.</summary>
public enum ConfigKind
{
    /// <summary>prometheus.yml.</summary>
    Prometheus,

    /// <summary>Thanos objstore configuration (bucket_storage.yaml).</summary>
    Bucket,
}
