namespace ThanosLab.Engine.Lab;

/// <summary>The Thanos store gateway: StoreAPI over the blocks in a bucket (step 3).</summary>
public sealed record StoreGatewaySpec
{
    public required string Name { get; init; }
    public string Image { get; init; } = DefaultImages.Thanos;
    public required string BucketConfigPath { get; init; }
    public int HttpPort { get; init; } = 19091;
    public int GrpcPort { get; init; } = 19191;
    public string Network { get; init; } = LabNetwork.Host;

    /// <summary>Loopback (default) or all interfaces, as the tutorial; see <see cref="Lab.ListenAddress"/>.</summary>
    public ListenAddress ListenAddress { get; init; } = ListenAddress.Loopback;

    public ComponentSpec Build() => new()
    {
        Name = SpecRules.Name(Name),
        Kind = ComponentKind.StoreGateway,
        Image = SpecRules.Image(Image),
        Binary = "thanos",
        Arguments = new[]
        {
            "store",
            "--objstore.config-file", ThanosContainerPaths.BucketConfig,
            "--http-address", ListenAddress.Inside(Network).HostPort(HttpPort),
            "--grpc-address", ListenAddress.Inside(Network).HostPort(GrpcPort),
        },
        Ports = SpecRules.DistinctPorts(SpecRules.Port(HttpPort, "HTTP"), SpecRules.Port(GrpcPort, "gRPC")),
        HttpPort = HttpPort,
        GrpcPort = GrpcPort,
        Mounts = new[] { new BindMount(SpecRules.HostPath(BucketConfigPath, "bucket configuration"), ThanosContainerPaths.BucketConfig) },
        ReadinessPath = "/-/ready",
        Network = Network,
        ListenAddress = ListenAddress,
    };
}
