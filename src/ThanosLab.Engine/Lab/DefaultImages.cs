namespace ThanosLab.Engine.Lab;

/// <summary>The images the tutorial runs (tutorial-reference.md); every Start cmdlet can override them.</summary>
public static class DefaultImages
{
    public const string Prometheus = "quay.io/prometheus/prometheus:v2.20.0";
    public const string Thanos = "quay.io/thanos/thanos:v0.26.0";
    public const string Minio = "minio/minio:RELEASE.2019-01-31T00-31-19Z";

    public static string For(ComponentKind kind) => kind switch
    {
        ComponentKind.Prometheus => Prometheus,
        ComponentKind.Minio => Minio,
        _ => Thanos,
    };
}
