namespace ThanosLab.Engine.Lab;

/// <summary>
/// Prometheus as the tutorial runs it (step 1): config and data mounted, 2h/2h block durations so
/// local and bucket compaction never clash, lifecycle and admin APIs on for the sidecar.
/// </summary>
public sealed record PrometheusSpec
{
    public const string ContainerConfigPath = "/etc/prometheus/prometheus.yml";
    public const string ContainerDataPath = "/prometheus";

    public required string Name { get; init; }
    public string Image { get; init; } = DefaultImages.Prometheus;

    /// <summary>Host path of prometheus.yml.</summary>
    public required string ConfigPath { get; init; }

    /// <summary>Host path of the TSDB directory.</summary>
    public required string DataPath { get; init; }

    /// <summary>--storage.tsdb.retention.time as Prometheus spells it (1000d), or null for Prometheus' default.</summary>
    public string? RetentionTime { get; init; }

    public int HttpPort { get; init; } = 9090;

    /// <summary>--web.external-url, or null to leave Prometheus' default.</summary>
    public string? ExternalUrl { get; init; }

    public string Network { get; init; } = LabNetwork.Host;

    /// <summary>Loopback (default) or all interfaces, as the tutorial; see <see cref="Lab.ListenAddress"/>.</summary>
    public ListenAddress ListenAddress { get; init; } = ListenAddress.Loopback;

    public ComponentSpec Build()
    {
        var port = SpecRules.Port(HttpPort, "HTTP");
        var args = new List<string> { $"--config.file={ContainerConfigPath}" };
        if (RetentionTime is not null)
        {
            args.Add($"--storage.tsdb.retention.time={RetentionTime}");
        }
        args.Add($"--storage.tsdb.path={ContainerDataPath}");
        args.Add("--storage.tsdb.max-block-duration=2h");
        args.Add("--storage.tsdb.min-block-duration=2h");
        args.Add($"--web.listen-address={ListenAddress.Inside(Network).PrometheusListen(port)}");
        if (ExternalUrl is not null)
        {
            args.Add($"--web.external-url={ExternalUrl}");
        }
        args.Add("--web.enable-lifecycle");
        args.Add("--web.enable-admin-api");
        return new ComponentSpec
        {
            Name = SpecRules.Name(Name),
            Kind = ComponentKind.Prometheus,
            Image = SpecRules.Image(Image),
            Binary = "prometheus",
            Arguments = args,
            Ports = new[] { port },
            HttpPort = port,
            Mounts = new[]
            {
                new BindMount(SpecRules.HostPath(ConfigPath, "Prometheus configuration"), ContainerConfigPath),
                new BindMount(SpecRules.HostPath(DataPath, "Prometheus data"), ContainerDataPath),
            },
            User = "root",
            ReadinessPath = "/-/ready",
            Network = Network,
            ListenAddress = ListenAddress,
            DataPath = DataPath,
            RequiredDirectories = new[] { DataPath },
        };
    }
}
