using System.Management.Automation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using Xunit;
using static ThanosLab.Tests.Lab.LabTestSupport;

namespace ThanosLab.Tests.Lab;

/// <summary>
/// The whole tutorial (steps 1–4) with its real images: Prometheus v2.20.0, Thanos v0.26.0 and
/// MinIO 2019-01-31, on the host network and the tutorial's ports. Opt-in, because the images
/// must come from a registry: set THANOSLAB_E2E_REGISTRY=1 where one is reachable.
/// </summary>
public sealed class TutorialEndToEndTests : IClassFixture<GeneratedYear>
{
    private const string OptIn = "THANOSLAB_E2E_REGISTRY";
    private readonly GeneratedYear _year;

    public TutorialEndToEndTests(GeneratedYear year) => _year = year;

    [SkippableFact]
    public async Task TheTutorialRunsStepByStep()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(OptIn) == "1", $"opt-in: set {OptIn}=1 where quay.io and Docker Hub are reachable");
        RequireDocker();
        using var dir = new TempDirectory("thanoslab-e2e-");
        var data = _year.CopyTo(dir);
        var minio = dir.Combine("minio");
        // MinIO 2019 in file-system mode: a directory is a bucket, as the tutorial's mkdir.
        Directory.CreateDirectory(Path.Combine(minio, "thanos"));
        var lab = UniqueName("e2e");
        using var cleanup = new LabCleanup(lab);
        var credential = new PSCredential("minio", new System.Net.NetworkCredential("", "melovethanos").SecurePassword);
        var bucket = new ThanosBucketConfig(new S3BucketConfig
        {
            Bucket = "thanos",
            Endpoint = "127.0.0.1:9000",
            AccessKey = "minio",
            SecretKey = new SecretString("melovethanos"),
            Insecure = true,
            SignatureVersion2 = true,
        });
        var vars = new (string, object?)[] { ("data", data), ("minio", minio), ("lab", lab), ("state", dir.Combine("state")), ("bucket", bucket), ("cred", credential) };

        // Step 1: Prometheus with a year, a query-only sidecar and a querier.
        var (step1, ps1) = Run(@"
            $prom = Start-ThanosPrometheus -Name prometheus-0-eu1 -DataPath $data -ExternalLabel @{ cluster = 'eu1'; replica = '0'; tenant = 'team-eu' } -Lab $lab -StatePath $state -Timeout 00:05:00
            $prom | Start-ThanosSidecar -Lab $lab -StatePath $state -Timeout 00:05:00 | Start-ThanosQuerier -ReplicaLabel replica -Lab $lab -StatePath $state -Timeout 00:05:00", vars);
        using (ps1) Assert.True(ps1.Streams.Error.Count == 0, string.Join("; ", ps1.Streams.Error));
        var querier = Assert.IsType<ThanosComponent>(step1[^1].BaseObject);
        Assert.Equal(GeneratedYear.ExpectedSamplesPerQuery, await CountYearAsync(querier.HttpEndpoint!));

        // Step 2: MinIO, and the sidecar again in upload mode with --shipper.upload-compacted.
        var (_, ps2) = Run(@"
            Start-ThanosMinio -DataPath $minio -Credential $cred -Lab $lab -StatePath $state -Timeout 00:05:00 | Out-Null
            Get-ThanosComponent -Name prometheus-0-eu1 -Lab $lab -Runtime Docker |
                Start-ThanosSidecar -Bucket $bucket -UploadCompacted -Force -Lab $lab -StatePath $state -Timeout 00:05:00", vars);
        using (ps2) Assert.True(ps2.Streams.Error.Count == 0, string.Join("; ", ps2.Streams.Error));
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (Directory.GetFiles(Path.Combine(minio, "thanos"), "meta.json", SearchOption.AllDirectories).Length < 13 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2000);
        }
        Assert.Equal(13, Directory.GetFiles(Path.Combine(minio, "thanos"), "meta.json", SearchOption.AllDirectories).Length);

        // Step 3: store gateway, querier over sidecar and store gateway. Step 4: compactor.
        var (step3, ps3) = Run(@"
            $store = Start-ThanosStoreGateway -Bucket $bucket -Lab $lab -StatePath $state -Timeout 00:05:00
            (Get-ThanosComponent -Name prometheus-0-eu1-sidecar -Lab $lab -Runtime Docker), $store |
                Start-ThanosQuerier -ReplicaLabel replica -Force -Lab $lab -StatePath $state -Timeout 00:05:00
            Start-ThanosCompactor -Bucket $bucket -Lab $lab -StatePath $state -Timeout 00:05:00", vars);
        using (ps3) Assert.True(ps3.Streams.Error.Count == 0, string.Join("; ", ps3.Streams.Error));
        var requerier = step3.Select(o => o.BaseObject).OfType<ThanosComponent>().Single(c => c.Kind == "Querier");
        Assert.Equal(GeneratedYear.ExpectedSamplesPerQuery, await CountYearAsync(requerier.HttpEndpoint!));

        var (_, stop) = Run("Get-ThanosComponent -Lab $lab | Stop-ThanosComponent", vars);
        using (stop) Assert.True(stop.Streams.Error.Count == 0, string.Join("; ", stop.Streams.Error));
    }
}
