namespace ThanosLab.Engine.Lab;

/// <summary>
/// The Thanos compactor (step 4): compaction, retention per resolution and downsampling of the
/// bucket, kept running with --wait.
/// </summary>
public sealed record CompactorSpec
{
    public required string Name { get; init; }
    public string Image { get; init; } = DefaultImages.Thanos;
    public required string BucketConfigPath { get; init; }
    public int HttpPort { get; init; } = 19095;

    /// <summary>--wait: keep running and compact again every <see cref="WaitInterval"/>.</summary>
    public bool Wait { get; init; } = true;

    /// <summary>--wait-interval as Go spells it (30s), or null for Thanos' default.</summary>
    public string? WaitInterval { get; init; } = "30s";

    /// <summary>--consistency-delay (0s for a strongly consistent bucket such as MinIO), or null for Thanos' default.</summary>
    public string? ConsistencyDelay { get; init; } = "0s";

    /// <summary>--retention.resolution-raw, -5m and -1h (Prometheus durations); null keeps everything.</summary>
    public string? RetentionRaw { get; init; }
    public string? Retention5m { get; init; }
    public string? Retention1h { get; init; }

    /// <summary>--downsampling.disable.</summary>
    public bool DisableDownsampling { get; init; }

    public string Network { get; init; } = LabNetwork.Host;

    /// <summary>Loopback (default) or all interfaces, as the tutorial; see <see cref="Lab.ListenAddress"/>.</summary>
    public ListenAddress ListenAddress { get; init; } = ListenAddress.Loopback;

    public ComponentSpec Build()
    {
        if (!Wait && WaitInterval is not null && WaitInterval != "30s")
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "WaitIntervalWithoutWait",
                $"A wait interval ({WaitInterval}) only applies when the compactor keeps running (--wait).", WaitInterval,
                "Keep -Wait, or drop the wait interval.");
        }
        var port = SpecRules.Port(HttpPort, "HTTP");
        var args = new List<string> { "compact" };
        if (Wait)
        {
            args.Add("--wait");
            if (WaitInterval is not null)
            {
                args.Add("--wait-interval");
                args.Add(WaitInterval);
            }
        }
        if (ConsistencyDelay is not null)
        {
            args.Add("--consistency-delay");
            args.Add(ConsistencyDelay);
        }
        args.AddRange(new[] { "--objstore.config-file", ThanosContainerPaths.BucketConfig, "--http-address", ListenAddress.Inside(Network).HostPort(port) });
        void Retention(string resolution, string? value)
        {
            if (value is not null)
            {
                args.Add($"--retention.resolution-{resolution}={value}");
            }
        }
        Retention("raw", RetentionRaw);
        Retention("5m", Retention5m);
        Retention("1h", Retention1h);
        if (DisableDownsampling)
        {
            args.Add("--downsampling.disable");
        }
        return new ComponentSpec
        {
            Name = SpecRules.Name(Name),
            Kind = ComponentKind.Compactor,
            Image = SpecRules.Image(Image),
            Binary = "thanos",
            Arguments = args,
            Ports = new[] { port },
            HttpPort = port,
            Mounts = new[] { new BindMount(SpecRules.HostPath(BucketConfigPath, "bucket configuration"), ThanosContainerPaths.BucketConfig) },
            ReadinessPath = "/-/ready",
            Network = Network,
            ListenAddress = ListenAddress,
        };
    }
}
