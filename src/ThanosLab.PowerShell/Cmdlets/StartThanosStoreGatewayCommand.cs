using System.Management.Automation;
using ThanosLab.Engine.Configuration;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>Starts a Thanos store gateway over a bucket (step 3 of the tutorial).</summary>
[Cmdlet(VerbsLifecycle.Start, "ThanosStoreGateway", SupportsShouldProcess = true)]
[OutputType(typeof(ThanosComponent))]
public sealed class StartThanosStoreGatewayCommand : StartComponentCmdlet
{
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [ValidateNotNull]
    public ThanosBucketConfig? Bucket { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    public int HttpPort { get; set; } = 19091;

    [Parameter]
    [ValidateRange(1, 65535)]
    public int GrpcPort { get; set; } = 19191;

    protected override ComponentKind Kind => ComponentKind.StoreGateway;

    protected override string DefaultName => "store-gateway";

    protected override Plan Build(string name, string network, LabStateDirectory state)
    {
        var path = state.ConfigPath(name, ConfigKind.Bucket);
        var spec = new StoreGatewaySpec
        {
            Name = name,
            Image = ImageOr(DefaultImages.Thanos),
            BucketConfigPath = path,
            HttpPort = HttpPort,
            GrpcPort = GrpcPort,
            Network = network,
            ListenAddress = Listen,
        }.Build();
        return new Plan(spec, new[] { (path, ((IThanosConfig)Bucket!).Document) });
    }
}
