using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Prometheus;

/// <summary>
/// One StoreAPI endpoint a Thanos querier knows (<c>/api/v1/stores</c>): its address, component
/// type, the external label sets it announces, the time range it covers and its last health check.
/// </summary>
public sealed record StoreStatus(
    string Name,
    string Type,
    IReadOnlyList<IReadOnlyList<Label>> LabelSets,
    long? MinTimeMs,
    long? MaxTimeMs,
    DateTimeOffset? LastCheck,
    string? LastError);
