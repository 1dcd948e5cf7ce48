namespace ThanosLab.Engine.Lab;

/// <summary>The Thanos querier over StoreAPI endpoints (sidecars, store gateways), deduplicating on replica labels.</summary>
public sealed record QuerierSpec
{
    public required string Name { get; init; }
    public string Image { get; init; } = DefaultImages.Thanos;
    public int HttpPort { get; init; } = 9091;

    /// <summary>--query.replica-label values, e.g. replica.</summary>
    public IReadOnlyList<string> ReplicaLabels { get; init; } = Array.Empty<string>();

    /// <summary>StoreAPI addresses (host:port) as the querier reaches them.</summary>
    public required IReadOnlyList<string> Stores { get; init; }

    public string Network { get; init; } = LabNetwork.Host;

    /// <summary>Loopback (default) or all interfaces, as the tutorial; see <see cref="Lab.ListenAddress"/>.</summary>
    public ListenAddress ListenAddress { get; init; } = ListenAddress.Loopback;

    public ComponentSpec Build()
    {
        var port = SpecRules.Port(HttpPort, "HTTP");
        var args = new List<string> { "query", "--http-address", ListenAddress.Inside(Network).HostPort(port) };
        foreach (var label in ReplicaLabels)
        {
            args.Add("--query.replica-label");
            args.Add(label);
        }
        var flag = ThanosVersion.StoreFlag(Image);
        foreach (var store in Stores)
        {
            args.Add(flag);
            args.Add(store);
        }
        return new ComponentSpec
        {
            Name = SpecRules.Name(Name),
            Kind = ComponentKind.Querier,
            Image = SpecRules.Image(Image),
            Binary = "thanos",
            Arguments = args,
            Ports = new[] { port },
            HttpPort = port,
            ReadinessPath = "/-/ready",
            Network = Network,
            ListenAddress = ListenAddress,
        };
    }
}
