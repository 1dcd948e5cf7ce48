namespace ThanosLab.Engine.Lab;

/// <summary>
/// MinIO as the tutorial runs it (step 2): on Docker's default bridge with its port published,
/// credentials in the environment, the data directory mounted at /data.
/// </summary>
public sealed record MinioSpec
{
    public const string ContainerDataPath = "/data";
    private const int DefaultPort = 9000;

    public required string Name { get; init; }
    public string Image { get; init; } = DefaultImages.Minio;
    public required string DataPath { get; init; }
    public required string AccessKey { get; init; }

    /// <summary>The secret key: only ever in the container's environment, masked everywhere else.</summary>
    public required string SecretKey { get; init; }

    public int HttpPort { get; init; } = DefaultPort;

    /// <summary>The tutorial's MinIO is not on the host network but publishes 9000 on the default bridge.</summary>
    public string Network { get; init; } = LabNetwork.DefaultBridge;

    /// <summary>Loopback (default) or all interfaces, as the tutorial; see <see cref="Lab.ListenAddress"/>.</summary>
    public ListenAddress ListenAddress { get; init; } = ListenAddress.Loopback;

    // The generated ToString would print the secret key; shown specs mask it as the rendered command does.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Name = {Name}, Image = {Image}, DataPath = {DataPath}, AccessKey = {AccessKey}, SecretKey = ***, HttpPort = {HttpPort}, Network = {Network}, ListenAddress = {ListenAddress}");
        return true;
    }

    public ComponentSpec Build()
    {
        var port = SpecRules.Port(HttpPort, "HTTP");
        if (string.IsNullOrEmpty(AccessKey) || SecretKey.Length < 8)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidMinioCredential",
                "MinIO needs an access key and a secret key of at least 8 characters.", Name,
                "Give a credential whose user name is the access key and whose password has 8 or more characters.");
        }
        var args = new List<string> { "server", ContainerDataPath };
        var inside = ListenAddress.Inside(Network);
        if (!inside.IsAllInterfaces)
        {
            args.Add("--address");
            args.Add(inside.HostPort(port));
        }
        else if (port != DefaultPort)
        {
            args.Add("--address");
            args.Add($":{port}");
        }
        return new ComponentSpec
        {
            Name = SpecRules.Name(Name),
            Kind = ComponentKind.Minio,
            Image = SpecRules.Image(Image),
            Binary = "minio",
            Arguments = args,
            Ports = new[] { port },
            HttpPort = port,
            Mounts = new[] { new BindMount(SpecRules.HostPath(DataPath, "MinIO data"), ContainerDataPath) },
            Environment = new Dictionary<string, string> { ["MINIO_ACCESS_KEY"] = AccessKey, ["MINIO_SECRET_KEY"] = SecretKey },
            SecretEnvironment = new HashSet<string> { "MINIO_SECRET_KEY" },
            ReadinessPath = "/minio/health/ready",
            Network = Network,
            ListenAddress = ListenAddress,
            DataPath = DataPath,
            RequiredDirectories = new[] { DataPath },
        };
    }
}
