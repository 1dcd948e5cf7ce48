namespace ThanosLab.Engine.Lab;

/// <summary>
/// The Thanos sidecar next to a Prometheus: query-only (step 1: StoreAPI over Prometheus' API) or
/// upload mode (step 2: also ships every block of <see cref="DataPath"/> to the bucket).
/// </summary>
public sealed record SidecarSpec
{
    public required string Name { get; init; }
    public string Image { get; init; } = DefaultImages.Thanos;

    /// <summary>Prometheus' URL as the sidecar reaches it, e.g. http://127.0.0.1:9090.</summary>
    public required string PrometheusUrl { get; init; }

    public int HttpPort { get; init; } = 19090;
    public int GrpcPort { get; init; } = 19190;

    /// <summary>Host path of the objstore configuration; set for upload mode (with <see cref="DataPath"/>).</summary>
    public string? BucketConfigPath { get; init; }

    /// <summary>Host path of Prometheus' TSDB directory; set for upload mode.</summary>
    public string? DataPath { get; init; }

    /// <summary>--shipper.upload-compacted: also upload blocks Prometheus compacted before (only for data Thanos never saw).</summary>
    public bool UploadCompacted { get; init; }

    public string Network { get; init; } = LabNetwork.Host;

    /// <summary>Loopback (default) or all interfaces, as the tutorial; see <see cref="Lab.ListenAddress"/>.</summary>
    public ListenAddress ListenAddress { get; init; } = ListenAddress.Loopback;

    public bool UploadMode => BucketConfigPath is not null;

    public ComponentSpec Build()
    {
        if ((BucketConfigPath is null) != (DataPath is null))
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "IncompleteUploadMode",
                "Upload mode needs both the bucket configuration and Prometheus' data directory.", Name,
                "Give both, or neither for a query-only sidecar.");
        }
        if (UploadCompacted && !UploadMode)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "UploadCompactedWithoutBucket",
                "--shipper.upload-compacted only applies to a sidecar that uploads to a bucket.", Name,
                "Give a bucket configuration, or drop UploadCompacted.");
        }
        var ports = SpecRules.DistinctPorts(SpecRules.Port(HttpPort, "HTTP"), SpecRules.Port(GrpcPort, "gRPC"));
        var args = new List<string> { "sidecar" };
        var mounts = new List<BindMount>();
        if (UploadMode)
        {
            mounts.Add(new BindMount(SpecRules.HostPath(BucketConfigPath!, "bucket configuration"), ThanosContainerPaths.BucketConfig));
            mounts.Add(new BindMount(SpecRules.HostPath(DataPath!, "Prometheus data"), ThanosContainerPaths.Tsdb));
            args.AddRange(new[] { "--tsdb.path", ThanosContainerPaths.Tsdb, "--objstore.config-file", ThanosContainerPaths.BucketConfig });
            if (UploadCompacted)
            {
                args.Add("--shipper.upload-compacted");
            }
        }
        args.AddRange(new[]
        {
            "--http-address", ListenAddress.Inside(Network).HostPort(HttpPort),
            "--grpc-address", ListenAddress.Inside(Network).HostPort(GrpcPort),
            "--prometheus.url", PrometheusUrl,
        });
        return new ComponentSpec
        {
            Name = SpecRules.Name(Name),
            Kind = ComponentKind.Sidecar,
            Image = SpecRules.Image(Image),
            Binary = "thanos",
            Arguments = args,
            Ports = ports,
            HttpPort = HttpPort,
            GrpcPort = GrpcPort,
            Mounts = mounts,
            User = "root",
            ReadinessPath = "/-/ready",
            Network = Network,
            ListenAddress = ListenAddress,
            RequiredDirectories = DataPath is null ? Array.Empty<string>() : new[] { DataPath },
        };
    }
}
