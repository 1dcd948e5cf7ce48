namespace ThanosLab.Engine.Lab;

/// <summary>The lab's component types, in the order the tutorial starts them.</summary>
public enum ComponentKind
{
    Prometheus,
    Sidecar,
    Querier,
    StoreGateway,
    Compactor,
    Minio,
}
