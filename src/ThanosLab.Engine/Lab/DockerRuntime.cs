using System.Globalization;
using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// Components as Docker containers, through the daemon the docker CLI would use (DOCKER_HOST,
/// else the local socket or named pipe). Every container carries the <see cref="LabLabels"/>, so a
/// new session finds the lab again.
/// </summary>
public sealed class DockerRuntime : IComponentRuntime
{
    private readonly DockerClient _client;
    private readonly string _endpoint;

    public DockerRuntime()
    {
        _endpoint = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host
            ? host
            : OperatingSystem.IsWindows() ? "npipe://./pipe/docker_engine" : "unix:///var/run/docker.sock";
        try
        {
            _client = new DockerClientBuilder().Build();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Unreachable(e);
        }
    }

    public string Name => "Docker";

    /// <summary>The daemon address tried, for messages.</summary>
    public string Endpoint => _endpoint;

    /// <summary>True when the daemon's published ports are this machine's (a local socket or pipe).</summary>
    public bool IsLocal => !_endpoint.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase) && !_endpoint.StartsWith("ssh:", StringComparison.OrdinalIgnoreCase);

    public async Task<RunningComponent?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var all = await ListContainersAsync(new Dictionary<string, IDictionary<string, bool>>
        {
            ["name"] = new Dictionary<string, bool> { [$"^/{name}$"] = true },
        }, cancellationToken).ConfigureAwait(false);
        return all.FirstOrDefault(c => c.Name == name);
    }

    public async Task<IReadOnlyList<RunningComponent>> ListAsync(string? lab, CancellationToken cancellationToken)
    {
        var label = lab is null ? LabLabels.Component : $"{LabLabels.Lab}={lab}";
        return await ListContainersAsync(new Dictionary<string, IDictionary<string, bool>>
        {
            ["label"] = new Dictionary<string, bool> { [label] = true },
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task PrepareAsync(ComponentSpec spec, IProgress<LabProgress>? progress, CancellationToken cancellationToken)
    {
        var image = await CallAsync(async () =>
        {
            try
            {
                return await _client.Images.InspectImageAsync(spec.Image, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerImageNotFoundException)
            {
                return await PullAsync(spec.Image, progress, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        if (spec.PrivateFiles.Count > 0 && IsLocal)
        {
            // The Thanos images run as uid 1001 unless -u says otherwise; an owner-only config
            // written by ThanosLab must belong to the user that reads it in the container.
            PrivateFileOwner.HandOver(spec.PrivateFiles, spec.User ?? image.Config?.User, spec.Name);
        }
    }

    public async Task<RunningComponent> StartAsync(ComponentSpec spec, string lab, CancellationToken cancellationToken)
    {
        return await CallAsync(async () =>
        {
            var networked = !LabNetwork.IsHost(spec.Network) && spec.Network != LabNetwork.DefaultBridge;
            if (networked)
            {
                await EnsureNetworkAsync(spec.Network, cancellationToken).ConfigureAwait(false);
            }
            var labels = new Dictionary<string, string>
            {
                [LabLabels.Component] = spec.Kind.ToString(),
                [LabLabels.Lab] = lab,
                [LabLabels.Spec] = SpecHash.Compute(spec),
                [LabLabels.HttpPort] = spec.HttpPort.ToString(CultureInfo.InvariantCulture),
                [LabLabels.Readiness] = spec.ReadinessPath,
            };
            if (spec.DataPath is { } data)
            {
                labels[LabLabels.DataPath] = data;
            }
            if (spec.GrpcPort is { } grpc)
            {
                labels[LabLabels.GrpcPort] = grpc.ToString(CultureInfo.InvariantCulture);
            }
            var host = new HostConfig
            {
                NetworkMode = spec.Network,
                Binds = spec.Mounts.Select(m => m.ToString()).ToList(),
            };
            var exposed = new Dictionary<string, EmptyStruct>();
            if (!LabNetwork.IsHost(spec.Network))
            {
                host.PortBindings = new Dictionary<string, IList<PortBinding>>();
                foreach (var port in spec.Ports)
                {
                    var key = $"{port.ToString(CultureInfo.InvariantCulture)}/tcp";
                    exposed[key] = default;
                    host.PortBindings[key] = new List<PortBinding> { new() { HostIP = spec.ListenAddress.PublishHostIp, HostPort = port.ToString(CultureInfo.InvariantCulture) } };
                }
            }
            var created = await _client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Name = spec.Name,
                Image = spec.Image,
                Cmd = spec.Arguments.ToList(),
                Env = spec.Environment.Select(e => $"{e.Key}={e.Value}").ToList(),
                User = spec.User ?? "",
                Labels = labels,
                ExposedPorts = exposed,
                HostConfig = host,
            }, cancellationToken).ConfigureAwait(false);
            try
            {
                await _client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
                return await InspectAsync(created.ID, cancellationToken).ConfigureAwait(false)
                    ?? throw new ThanosLabException(ErrorKind.InvalidOperation, "ComponentVanished",
                        $"The container '{spec.Name}' disappeared right after it started.", spec.Name, "Check the Docker daemon's log.");
            }
            catch
            {
                // Nothing half-made stays behind: a container that could not start, or whose start
                // was cancelled before the caller got it back (and so could stop it), is removed.
                await RemoveQuietlyAsync(created.ID).ConfigureAwait(false);
                throw;
            }
        }).ConfigureAwait(false);
    }

    public Task<RunningComponent?> RefreshAsync(RunningComponent component, CancellationToken cancellationToken) =>
        CallAsync(() => InspectAsync(component.Id, cancellationToken));

    public Task<string> LogTailAsync(RunningComponent component, int lines, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            using var stream = await _client.Containers.GetContainerLogsAsync(component.Id, new ContainerLogsParameters
            {
                ShowStdout = true,
                ShowStderr = true,
                Tail = lines.ToString(CultureInfo.InvariantCulture),
            }, cancellationToken).ConfigureAwait(false);
            var (stdout, stderr) = await stream.ReadOutputToEndAsync(cancellationToken).ConfigureAwait(false);
            return (stdout + stderr).TrimEnd();
        });

    public Task StopAsync(RunningComponent component, TimeSpan grace, CancellationToken cancellationToken) =>
        CallAsync(async () =>
        {
            try
            {
                await _client.Containers.StopContainerAsync(component.Id, new ContainerStopParameters
                {
                    WaitBeforeKillSeconds = (uint)Math.Max(1, grace.TotalSeconds),
                }, cancellationToken).ConfigureAwait(false);
                await _client.Containers.RemoveContainerAsync(component.Id, new ContainerRemoveParameters { Force = true }, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException)
            {
            }
            if (component.Network is { } network && !LabNetwork.IsHost(network) && network != LabNetwork.DefaultBridge)
            {
                await RemoveNetworkIfUnusedAsync(network, cancellationToken).ConfigureAwait(false);
            }
            return true;
        });

    public void Dispose() => _client.Dispose();

    private async Task<IReadOnlyList<RunningComponent>> ListContainersAsync(IDictionary<string, IDictionary<string, bool>> filters, CancellationToken cancellationToken)
    {
        return await CallAsync(async () =>
        {
            var list = await _client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters }, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<RunningComponent>)list.Select(c => ToComponent(
                c.ID, c.Names.FirstOrDefault()?.TrimStart('/') ?? c.ID, c.Image, c.State, c.Labels, c.HostConfig?.NetworkMode)).ToList();
        }).ConfigureAwait(false);
    }

    private async Task<RunningComponent?> InspectAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var c = await _client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
            return ToComponent(c.ID, c.Name.TrimStart('/'), c.Config?.Image ?? c.Image, c.State?.Status ?? "unknown", c.Config?.Labels, c.HostConfig?.NetworkMode);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
    }

    private static RunningComponent ToComponent(string id, string name, string image, string state, IDictionary<string, string>? labels, string? network)
    {
        labels ??= new Dictionary<string, string>();
        int? Port(string key) => labels.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;
        ComponentKind? kind = labels.TryGetValue(LabLabels.Component, out var k) && Enum.TryParse<ComponentKind>(k, out var parsed) ? parsed : null;
        return new RunningComponent
        {
            Name = name,
            Kind = kind,
            Runtime = "Docker",
            Id = id,
            Lab = labels.TryGetValue(LabLabels.Lab, out var lab) ? lab : null,
            Image = image,
            State = state,
            HttpPort = Port(LabLabels.HttpPort),
            GrpcPort = Port(LabLabels.GrpcPort),
            Network = network,
            SpecHash = labels.TryGetValue(LabLabels.Spec, out var hash) ? hash : null,
            ReadinessPath = labels.TryGetValue(LabLabels.Readiness, out var ready) ? ready : null,
            DataPath = labels.TryGetValue(LabLabels.DataPath, out var data) ? data : null,
        };
    }

    private async Task<ImageInspectResponse> PullAsync(string image, IProgress<LabProgress>? progress, CancellationToken cancellationToken)
    {
        var activity = $"Pulling {image}";
        var layers = new Dictionary<string, (long Current, long Total)>();
        string? error = null;
        var report = new Progress<JSONMessage>(m =>
        {
            if (m.Error is { } failure)
            {
                error = failure.Message;
                return;
            }
            if (m.ID is { } id && m.Progress is { Total: > 0 } p)
            {
                lock (layers) layers[id] = (p.Current ?? 0, p.Total ?? 0);
            }
            int? percent = null;
            lock (layers)
            {
                var total = layers.Values.Sum(l => l.Total);
                if (total > 0) percent = (int)Math.Min(100, layers.Values.Sum(l => l.Current) * 100 / total);
            }
            progress?.Report(new LabProgress(activity, $"{m.ID} {m.Status}".Trim(), percent));
        });
        var (repository, tag) = SplitReference(image);
        try
        {
            await _client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, null, report, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e)
        {
            throw PullFailed(image, e.ResponseBody is { Length: > 0 } body ? body.Trim() : e.Message, e);
        }
        if (error is not null)
        {
            throw PullFailed(image, error, null);
        }
        try
        {
            return await _client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException e)
        {
            throw PullFailed(image, "the pull ended without the image", e);
        }
    }

    private static ThanosLabException PullFailed(string image, string reason, Exception? inner) =>
        new(ErrorKind.ObjectNotFound, "ImageNotAvailable",
            $"The image '{image}' is not on the Docker host and could not be pulled: {reason}", image,
            "Make the registry reachable, load the image with 'docker load', or give another image with -Image.", inner);

    /// <summary>repository and tag of a reference; a digest stays in the repository part, the tag defaults to latest.</summary>
    internal static (string Repository, string Tag) SplitReference(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return (image, "");
        }
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    private async Task EnsureNetworkAsync(string network, CancellationToken cancellationToken)
    {
        var existing = await _client.Networks.ListNetworksAsync(new NetworksListParameters(), cancellationToken).ConfigureAwait(false);
        if (existing.Any(n => n.Name == network))
        {
            return;
        }
        await _client.Networks.CreateNetworkAsync(new NetworksCreateParameters
        {
            Name = network,
            Driver = "bridge",
            Labels = new Dictionary<string, string> { [LabLabels.Network] = "true" },
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task RemoveNetworkIfUnusedAsync(string network, CancellationToken cancellationToken)
    {
        try
        {
            var n = await _client.Networks.InspectNetworkAsync(network, cancellationToken).ConfigureAwait(false);
            if (n.Labels?.ContainsKey(LabLabels.Network) == true && (n.Containers is null || n.Containers.Count == 0))
            {
                await _client.Networks.DeleteNetworkAsync(n.ID, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DockerNetworkNotFoundException)
        {
        }
        catch (DockerApiException)
        {
            // Another component joined it meanwhile ("has active endpoints"): it stays for that one.
        }
    }

    private async Task RemoveQuietlyAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or OperationCanceledException)
        {
        }
    }

    /// <summary>Runs a daemon call, turning "cannot connect" and API failures into ThanosLab errors.</summary>
    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ThanosLabException)
        {
            throw;
        }
        catch (DockerApiException e)
        {
            throw new ThanosLabException(ErrorKind.InvalidOperation, "DockerRequestFailed",
                $"The Docker daemon at {_endpoint} refused the request: {(e.ResponseBody is { Length: > 0 } b ? b.Trim() : e.Message)}", null,
                "Read the daemon's message; 'docker ps -a' shows the containers involved.", e);
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or TimeoutException or DockerConfigurationException)
        {
            throw Unreachable(e);
        }
    }

    private ThanosLabException Unreachable(Exception e) =>
        new(ErrorKind.ConnectionError, "DockerDaemonUnreachable",
            $"Cannot reach the Docker daemon at {_endpoint}: {e.Message}", _endpoint,
            "Start the Docker daemon (dockerd, Docker Desktop), or point DOCKER_HOST at it, e.g. DOCKER_HOST=unix:///var/run/docker.sock or tcp://host:2375; or use -Runtime Process.",
            e);
}
