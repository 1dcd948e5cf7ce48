namespace ThanosLab.Engine.Lab;

/// <summary>
/// Everything needed to run one lab component, in Docker or as a native process: what
/// <c>docker run</c> would be given. Paths in <see cref="Arguments"/> are container paths; the
/// process runtime maps them to host paths through <see cref="Mounts"/>.
/// </summary>
public sealed record ComponentSpec
{
    public required string Name { get; init; }

    public required ComponentKind Kind { get; init; }

    public required string Image { get; init; }

    /// <summary>The native binary that runs the same arguments: prometheus, thanos or minio.</summary>
    public required string Binary { get; init; }

    /// <summary>The container command (after the image), e.g. <c>sidecar --http-address 0.0.0.0:19090 …</c>.</summary>
    public required IReadOnlyList<string> Arguments { get; init; }

    /// <summary>The ports the component listens on; published one-to-one outside the host network.</summary>
    public required IReadOnlyList<int> Ports { get; init; }

    /// <summary>The port of the HTTP server (metrics, readiness, UI and API).</summary>
    public required int HttpPort { get; init; }

    /// <summary>The port of the gRPC StoreAPI, for components that serve one.</summary>
    public int? GrpcPort { get; init; }

    public IReadOnlyList<BindMount> Mounts { get; init; } = Array.Empty<BindMount>();

    /// <summary>The <c>-u</c> user, or null for the image's.</summary>
    public string? User { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Names of <see cref="Environment"/> entries holding secrets: masked wherever the spec is shown.</summary>
    public IReadOnlySet<string> SecretEnvironment { get; init; } = new HashSet<string>();

    /// <summary>Path answered with 200 once the component serves requests.</summary>
    public required string ReadinessPath { get; init; }

    /// <summary>The host address the ports are reachable on: what the component binds on the host network, where Docker publishes them on a bridge.</summary>
    public ListenAddress ListenAddress { get; init; } = ListenAddress.Loopback;

    /// <summary><see cref="LabNetwork.Host"/>, <see cref="LabNetwork.DefaultBridge"/> or a user-defined bridge network.</summary>
    public string Network { get; init; } = LabNetwork.Host;

    /// <summary>Host path of the component's data directory (Prometheus' TSDB, MinIO's buckets), recorded so the next component can mount it.</summary>
    public string? DataPath { get; init; }

    /// <summary>
    /// Owner-only files ThanosLab wrote for the component (configs holding secrets). A container
    /// that runs as another user than ThanosLab's gets them handed over, or it could not read them.
    /// </summary>
    public IReadOnlyList<string> PrivateFiles { get; init; } = Array.Empty<string>();

    /// <summary>
    /// A keyed fingerprint of the configs ThanosLab writes for the component, so a changed config
    /// makes a different spec although its path stays the same.
    /// </summary>
    public string? ConfigFingerprint { get; init; }

    /// <summary>Host directories the component writes into and which must exist before it starts.</summary>
    public IReadOnlyList<string> RequiredDirectories { get; init; } = Array.Empty<string>();

    public override string ToString() => string.Join(' ', DockerRunCommand.Render(this, revealSecrets: false));
}
