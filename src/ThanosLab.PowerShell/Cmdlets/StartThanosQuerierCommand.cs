using System.Management.Automation;
using ThanosLab.Engine;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>Starts a Thanos querier over the StoreAPI components from the pipeline (sidecars, store gateways).</summary>
[Cmdlet(VerbsLifecycle.Start, "ThanosQuerier", SupportsShouldProcess = true)]
[OutputType(typeof(ThanosComponent))]
public sealed class StartThanosQuerierCommand : StartComponentCmdlet
{
    private readonly List<string> _stores = new();

    /// <summary>Components with a gRPC StoreAPI: sidecars and store gateways; all piped ones are collected.</summary>
    [Parameter(ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosComponent[] Store { get; set; } = Array.Empty<ThanosComponent>();

    /// <summary>StoreAPI addresses (host:port) of components ThanosLab did not start.</summary>
    [Parameter]
    [ValidateNotNull]
    public string[] StoreAddress { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateNotNull]
    public string[] ReplicaLabel { get; set; } = Array.Empty<string>();

    [Parameter]
    [ValidateRange(1, 65535)]
    public int HttpPort { get; set; } = 9091;

    protected override ComponentKind Kind => ComponentKind.Querier;

    protected override string DefaultName => "querier";

    protected override void ProcessRecordCore()
    {
        foreach (var c in Store)
        {
            if (c.GrpcEndpoint is null || !int.TryParse(c.GrpcEndpoint[(c.GrpcEndpoint.LastIndexOf(':') + 1)..], out var port))
            {
                WriteEngineError(new ThanosLabException(ErrorKind.InvalidArgument, "NotAStore",
                    $"'{c.Name}' ({c.Kind}) serves no StoreAPI, so the querier cannot use it.", c,
                    "Pipe sidecars and store gateways, not Prometheus, MinIO or compactors."));
                continue;
            }
            _stores.Add(PeerAddress(c, port));
        }
    }

    protected override void EndProcessingCore() => Start();

    protected override Plan Build(string name, string network, LabStateDirectory state)
    {
        var stores = _stores.Concat(StoreAddress).Distinct(StringComparer.Ordinal).ToList();
        var spec = new QuerierSpec
        {
            Name = name,
            Image = ImageOr(DefaultImages.Thanos),
            HttpPort = HttpPort,
            ReplicaLabels = ReplicaLabel,
            Stores = stores,
            Network = network,
            ListenAddress = Listen,
        }.Build();
        return new Plan(spec, Array.Empty<(string, Engine.Configuration.IConfigDocument)>());
    }
}
