using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>
/// Starts a Thanos sidecar for a Prometheus from the pipeline: query-only, or with -Bucket in
/// upload mode (step 2 of the tutorial).
/// </summary>
[Cmdlet(VerbsLifecycle.Start, "ThanosSidecar", DefaultParameterSetName = ComponentSet, SupportsShouldProcess = true)]
[OutputType(typeof(ThanosComponent))]
public sealed class StartThanosSidecarCommand : StartComponentCmdlet
{
    private const string ComponentSet = "Component";
    private const string UrlSet = "Url";

    [Parameter(Mandatory = true, ParameterSetName = ComponentSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosComponent? Prometheus { get; set; }

    /// <summary>Prometheus' URL as the sidecar reaches it, for a Prometheus ThanosLab did not start.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UrlSet)]
    [ValidateNotNull]
    public Uri? PrometheusUrl { get; set; }

    /// <summary>Upload mode: the bucket the blocks go to.</summary>
    [Parameter]
    [ValidateNotNull]
    public ThanosBucketConfig? Bucket { get; set; }

    /// <summary>Prometheus' data directory; default the piped Prometheus'.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? DataPath { get; set; }

    [Parameter]
    public SwitchParameter UploadCompacted { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    public int HttpPort { get; set; } = 19090;

    [Parameter]
    [ValidateRange(1, 65535)]
    public int GrpcPort { get; set; } = 19190;

    protected override ComponentKind Kind => ComponentKind.Sidecar;

    protected override string DefaultName => Prometheus is { } p ? $"{p.Name}-sidecar" : "sidecar";

    protected override Plan Build(string name, string network, LabStateDirectory state)
    {
        var url = Prometheus is { } p
            ? $"http://{PeerAddress(p, p.HttpEndpoint?.Port ?? throw NoEndpoint(p))}"
            : PrometheusUrl!.ToString().TrimEnd('/');
        string? data = null;
        string? bucketPath = null;
        var configs = new List<(string, IConfigDocument)>();
        if (Bucket is not null)
        {
            data = DataPath is not null ? GetUnresolvedProviderPathFromPSPath(DataPath) : Prometheus?.DataPath
                ?? throw new ThanosLabException(ErrorKind.InvalidArgument, "DataPathRequired",
                    "Upload mode needs Prometheus' data directory, and the Prometheus given does not record one.", name,
                    "Give -DataPath.");
            bucketPath = state.ConfigPath(name, ConfigKind.Bucket);
            configs.Add((bucketPath, ((IThanosConfig)Bucket).Document));
        }
        var spec = new SidecarSpec
        {
            Name = name,
            Image = ImageOr(DefaultImages.Thanos),
            PrometheusUrl = url,
            HttpPort = HttpPort,
            GrpcPort = GrpcPort,
            BucketConfigPath = bucketPath,
            DataPath = data,
            UploadCompacted = UploadCompacted,
            Network = network,
            ListenAddress = Listen,
        }.Build();
        return new Plan(spec, configs);
    }

    private static ThanosLabException NoEndpoint(ThanosComponent c) =>
        new(ErrorKind.InvalidArgument, "NoHttpEndpoint",
            $"The component '{c.Name}' has no HttpEndpoint, so the sidecar cannot reach it.", c.Name,
            "Pipe the object Start-ThanosPrometheus or Get-ThanosComponent returned, or give -PrometheusUrl.");
}
