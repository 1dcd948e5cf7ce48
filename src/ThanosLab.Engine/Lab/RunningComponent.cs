using System.Globalization;

namespace ThanosLab.Engine.Lab;

/// <summary>A component a runtime found (container or process) with what ThanosLab recorded about it.</summary>
public sealed record RunningComponent
{
    public required string Name { get; init; }

    /// <summary>The kind recorded at start; null for a foreign container that merely holds the name.</summary>
    public ComponentKind? Kind { get; init; }

    /// <summary>Docker or Process.</summary>
    public required string Runtime { get; init; }

    /// <summary>Container id or process id.</summary>
    public required string Id { get; init; }

    public string? Lab { get; init; }

    /// <summary>Image, or the binary's path for a process.</summary>
    public string? Image { get; init; }

    /// <summary>running, exited, created … (Docker's words; a process is running or exited).</summary>
    public required string State { get; init; }

    public int? HttpPort { get; init; }
    public int? GrpcPort { get; init; }
    public string? Network { get; init; }

    /// <summary>The <see cref="SpecHash"/> of the spec it was started with.</summary>
    public string? SpecHash { get; init; }

    public string? ReadinessPath { get; init; }

    /// <summary>Host path of the component's data directory, when it has one.</summary>
    public string? DataPath { get; init; }

    /// <summary>False for a container that carries no ThanosLab labels: never replaced or stopped by ThanosLab.</summary>
    public bool IsManaged => Kind is not null;

    public bool IsRunning => State == "running";

    /// <summary>Where the HTTP server answers from this host.</summary>
    public Uri? HttpEndpoint => HttpPort is { } p ? new Uri($"http://127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}/") : null;

    /// <summary>host:port of the StoreAPI from this host.</summary>
    public string? GrpcEndpoint => GrpcPort is { } p ? $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}" : null;
}
