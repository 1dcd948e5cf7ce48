using System.Collections.Specialized;
using ThanosLab.Binding;
using ThanosLab.Engine.Prometheus;

namespace ThanosLab;

/// <summary>
/// A StoreAPI endpoint known to a Thanos querier (its Stores page): a sidecar, store gateway, ruler …
/// with the external label sets it announces, the time range it serves and its last health check.
/// </summary>
public sealed class ThanosStore
{
    /// <summary>The store's gRPC address, e.g. 127.0.0.1:19190.</summary>
    public string Name { get; set; } = "";

    /// <summary>sidecar, store, rule, receive, query …</summary>
    public string Type { get; set; } = "";

    /// <summary>The external label sets the store announces (usually one); $store.Labels.cluster works.</summary>
    public OrderedDictionary[] Labels { get; set; } = Array.Empty<OrderedDictionary>();

    /// <summary>Oldest data the store serves; null before the store told.</summary>
    public DateTimeOffset? MinTime { get; set; }

    public DateTimeOffset? MaxTime { get; set; }

    public DateTimeOffset? LastCheck { get; set; }

    /// <summary>Why the last health check failed; null when it succeeded.</summary>
    public string? LastError { get; set; }

    /// <summary>The querier that reported the store.</summary>
    public Uri? Querier { get; set; }

    public override string ToString() => Name;

    internal static ThanosStore From(StoreStatus s, Uri querier) => new()
    {
        Name = s.Name,
        Type = s.Type,
        Labels = s.LabelSets.Select(l => LabelArguments.ToDictionary(l)).ToArray(),
        MinTime = s.MinTimeMs is { } min ? DateTimeOffset.FromUnixTimeMilliseconds(min) : null,
        MaxTime = s.MaxTimeMs is { } max ? DateTimeOffset.FromUnixTimeMilliseconds(max) : null,
        LastCheck = s.LastCheck,
        LastError = s.LastError,
        Querier = querier,
    };
}
