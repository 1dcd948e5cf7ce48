using System.Management.Automation;
using ThanosLab.Engine.Lab;

namespace ThanosLab.Cmdlets;

/// <summary>Starts MinIO as the lab's object store (step 2 of the tutorial).</summary>
[Cmdlet(VerbsLifecycle.Start, "ThanosMinio", SupportsShouldProcess = true)]
[OutputType(typeof(ThanosComponent))]
public sealed class StartThanosMinioCommand : StartComponentCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string DataPath { get; set; } = "";

    /// <summary>User name = access key, password = secret key.</summary>
    [Parameter(Mandatory = true)]
    [ValidateNotNull]
    [Credential]
    public PSCredential? Credential { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    public int HttpPort { get; set; } = 9000;

    protected override ComponentKind Kind => ComponentKind.Minio;

    protected override string DefaultName => "minio";

    protected override Plan Build(string name, string network, LabStateDirectory state)
    {
        var spec = new MinioSpec
        {
            Name = name,
            Image = ImageOr(DefaultImages.Minio),
            DataPath = GetUnresolvedProviderPathFromPSPath(DataPath),
            AccessKey = Credential!.UserName,
            SecretKey = Credential.GetNetworkCredential().Password,
            HttpPort = HttpPort,
            // The tutorial's MinIO publishes its port on Docker's default bridge; a process listens on the host.
            Network = network == LabNetwork.Host && Runtime == "Docker" ? LabNetwork.DefaultBridge : network,
            ListenAddress = Listen,
        }.Build();
        return new Plan(spec, Array.Empty<(string, Engine.Configuration.IConfigDocument)>());
    }
}
