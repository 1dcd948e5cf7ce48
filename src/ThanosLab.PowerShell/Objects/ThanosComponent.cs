using ThanosLab.Engine.Lab;

namespace ThanosLab;

/// <summary>
/// A running (or stopped) lab component: Prometheus, sidecar, querier, store gateway, compactor or
/// MinIO, in Docker or as a native process. What the Start-* cmdlets return and take from the
/// pipeline, and what Invoke-ThanosQuery, Test-ThanosEndpoint and Stop-ThanosComponent accept.
/// </summary>
public sealed class ThanosComponent
{
    public string Name { get; set; } = "";

    /// <summary>Prometheus, Sidecar, Querier, StoreGateway, Compactor or Minio.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Docker or Process.</summary>
    public string Runtime { get; set; } = "";

    /// <summary>Container id or process id.</summary>
    public string Id { get; set; } = "";

    /// <summary>Base URI of the component's HTTP server, e.g. http://127.0.0.1:9090/.</summary>
    public Uri? HttpEndpoint { get; set; }

    /// <summary>host:port of the gRPC StoreAPI, for Thanos components that serve one.</summary>
    public string? GrpcEndpoint { get; set; }

    public string? Image { get; set; }

    /// <summary>Running, Exited, Created …</summary>
    public string State { get; set; } = "";

    /// <summary>The lab it belongs to (the thanoslab.lab label).</summary>
    public string? Lab { get; set; }

    /// <summary>host, bridge or the thanoslab network for Docker; host for a process.</summary>
    public string? Network { get; set; }

    /// <summary>Host path of its data directory (Prometheus' TSDB, MinIO's data), when it has one.</summary>
    public string? DataPath { get; set; }

    /// <summary>The lab state folder holding its pid file and log (Process runtime).</summary>
    public string? StatePath { get; set; }

    public override string ToString() => Name;

    internal static ThanosComponent From(RunningComponent c, string? statePath) => new()
    {
        Name = c.Name,
        Kind = c.Kind?.ToString() ?? "",
        Runtime = c.Runtime,
        Id = c.Id,
        HttpEndpoint = c.HttpEndpoint,
        GrpcEndpoint = c.GrpcEndpoint,
        Image = c.Image,
        State = c.State.Length == 0 ? c.State : char.ToUpperInvariant(c.State[0]) + c.State[1..],
        Lab = c.Lab,
        Network = c.Network,
        DataPath = c.DataPath,
        StatePath = c.Runtime == "Process" ? statePath : null,
    };
}
