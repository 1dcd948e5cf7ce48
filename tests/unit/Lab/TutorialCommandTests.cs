using ThanosLab.Engine;
using ThanosLab.Engine.Lab;
using Xunit;

namespace ThanosLab.Tests.Lab;

/// <summary>
/// Golden tests: with the tutorial's parameters every spec renders the tutorial's own `docker run`
/// command (tutorial-reference.md, steps 1–4, as the course typed them for Thanos v0.26.0). The
/// container command after the image must match token for token; docker's own options are
/// compared as a set, because docker parses them in any order and the course itself orders them
/// differently from one command to the next.
/// </summary>
public sealed class TutorialCommandTests
{
    private const string ExternalUrl = "https://host-9090-katacoda.environments.katacoda.com";

    [Fact]
    public void Step1Prometheus()
    {
        var spec = new PrometheusSpec
        {
            Name = "prometheus-0-eu1",
            ConfigPath = "/root/editor/prometheus0_eu1.yml",
            DataPath = "/root/prom-eu1",
            RetentionTime = "1000d",
            ExternalUrl = ExternalUrl,
            ListenAddress = ListenAddress.AllInterfaces,
        }.Build();
        AssertTutorial($@"docker run -d --net=host --rm \
    -v /root/editor/prometheus0_eu1.yml:/etc/prometheus/prometheus.yml \
    -v /root/prom-eu1:/prometheus \
    -u root \
    --name prometheus-0-eu1 \
    quay.io/prometheus/prometheus:v2.20.0 \
    --config.file=/etc/prometheus/prometheus.yml \
    --storage.tsdb.retention.time=1000d \
    --storage.tsdb.path=/prometheus \
    --storage.tsdb.max-block-duration=2h \
    --storage.tsdb.min-block-duration=2h \
    --web.listen-address=:9090 \
    --web.external-url={ExternalUrl} \
    --web.enable-lifecycle \
    --web.enable-admin-api", spec);
    }

    [Fact]
    public void Step1QueryOnlySidecar()
    {
        var spec = new SidecarSpec { Name = "prometheus-0-eu1-sidecar", PrometheusUrl = "http://127.0.0.1:9090", ListenAddress = ListenAddress.AllInterfaces }.Build();
        AssertTutorial(@"docker run -d --net=host --rm \
    --name prometheus-0-eu1-sidecar \
    -u root \
    quay.io/thanos/thanos:v0.26.0 \
    sidecar \
    --http-address 0.0.0.0:19090 \
    --grpc-address 0.0.0.0:19190 \
    --prometheus.url http://127.0.0.1:9090", spec);
    }

    [Fact]
    public void Step1Querier()
    {
        var spec = new QuerierSpec { Name = "querier", ReplicaLabels = new[] { "replica" }, Stores = new[] { "127.0.0.1:19190" }, ListenAddress = ListenAddress.AllInterfaces }.Build();
        AssertTutorial(@"docker run -d --net=host --rm \
    --name querier \
    quay.io/thanos/thanos:v0.26.0 \
    query \
    --http-address 0.0.0.0:9091 \
    --query.replica-label replica \
    --store 127.0.0.1:19190", spec);
    }

    [Fact]
    public void Step2Minio()
    {
        var spec = new MinioSpec { Name = "minio", DataPath = "/root/minio", AccessKey = "minio", SecretKey = "melovethanos", ListenAddress = ListenAddress.AllInterfaces }.Build();
        AssertTutorial(@"docker run -d --rm --name minio \
     -v /root/minio:/data \
     -p 9000:9000 -e ""MINIO_ACCESS_KEY=minio"" -e ""MINIO_SECRET_KEY=melovethanos"" \
     minio/minio:RELEASE.2019-01-31T00-31-19Z \
     server /data", spec);
    }

    [Fact]
    public void Step2UploadingSidecar()
    {
        var spec = new SidecarSpec
        {
            Name = "prometheus-0-eu1-sidecar",
            PrometheusUrl = "http://127.0.0.1:9090",
            BucketConfigPath = "/root/editor/bucket_storage.yaml",
            DataPath = "/root/prom-eu1",
            UploadCompacted = true,
            ListenAddress = ListenAddress.AllInterfaces,
        }.Build();
        AssertTutorial(@"docker run -d --net=host --rm \
    -v /root/editor/bucket_storage.yaml:/etc/thanos/minio-bucket.yaml \
    -v /root/prom-eu1:/prometheus \
    --name prometheus-0-eu1-sidecar \
    -u root \
    quay.io/thanos/thanos:v0.26.0 \
    sidecar \
    --tsdb.path /prometheus \
    --objstore.config-file /etc/thanos/minio-bucket.yaml \
    --shipper.upload-compacted \
    --http-address 0.0.0.0:19090 \
    --grpc-address 0.0.0.0:19190 \
    --prometheus.url http://127.0.0.1:9090", spec);
    }

    [Fact]
    public void Step3StoreGateway()
    {
        var spec = new StoreGatewaySpec { Name = "store-gateway", BucketConfigPath = "/root/editor/bucket_storage.yaml", ListenAddress = ListenAddress.AllInterfaces }.Build();
        AssertTutorial(@"docker run -d --net=host --rm \
    -v /root/editor/bucket_storage.yaml:/etc/thanos/minio-bucket.yaml \
    --name store-gateway \
    quay.io/thanos/thanos:v0.26.0 \
    store \
    --objstore.config-file /etc/thanos/minio-bucket.yaml \
    --http-address 0.0.0.0:19091 \
    --grpc-address 0.0.0.0:19191", spec);
    }

    [Fact]
    public void Step3QuerierOverSidecarAndStoreGateway()
    {
        var spec = new QuerierSpec { Name = "querier", ReplicaLabels = new[] { "replica" }, Stores = new[] { "127.0.0.1:19190", "127.0.0.1:19191" }, ListenAddress = ListenAddress.AllInterfaces }.Build();
        AssertTutorial(@"docker run -d --net=host --rm \
   --name querier \
   quay.io/thanos/thanos:v0.26.0 \
   query \
   --http-address 0.0.0.0:9091 \
   --query.replica-label replica \
   --store 127.0.0.1:19190 \
   --store 127.0.0.1:19191", spec);
    }

    [Fact]
    public void Step4Compactor()
    {
        var spec = new CompactorSpec { Name = "thanos-compact", BucketConfigPath = "/root/editor/bucket_storage.yaml", ListenAddress = ListenAddress.AllInterfaces }.Build();
        AssertTutorial(@"docker run -d --net=host --rm \
 -v /root/editor/bucket_storage.yaml:/etc/thanos/minio-bucket.yaml \
    --name thanos-compact \
    quay.io/thanos/thanos:v0.26.0 \
    compact \
    --wait --wait-interval 30s \
    --consistency-delay 0s \
    --objstore.config-file /etc/thanos/minio-bucket.yaml \
    --http-address 0.0.0.0:19095", spec);
    }

    [Theory]
    [InlineData("quay.io/thanos/thanos:v0.20.0", "--store")]
    [InlineData("quay.io/thanos/thanos:v0.26.0", "--store")]
    [InlineData("quay.io/thanos/thanos:v0.27.0", "--endpoint")]
    [InlineData("quay.io/thanos/thanos:v0.35.1-rc.0", "--endpoint")]
    [InlineData("quay.io/thanos/thanos:latest", "--endpoint")]
    [InlineData("localhost:5000/thanos", "--endpoint")]
    public void QuerierStoreFlagFollowsTheImageVersion(string image, string flag)
    {
        var spec = new QuerierSpec { Name = "q", Image = image, Stores = new[] { "a:1" } }.Build();
        Assert.Equal(new[] { flag, "a:1" }, spec.Arguments.TakeLast(2));
    }

    [Fact]
    public void CompactorRetentionAndDownsamplingFlags()
    {
        var spec = new CompactorSpec
        {
            Name = "c", BucketConfigPath = "/b.yaml", RetentionRaw = "30d", Retention5m = "90d", Retention1h = "1y", DisableDownsampling = true,
        }.Build();
        Assert.Equal(new[] { "--retention.resolution-raw=30d", "--retention.resolution-5m=90d", "--retention.resolution-1h=1y", "--downsampling.disable" },
            spec.Arguments.TakeLast(4));
    }

    [Fact]
    public void BridgeNetworkPublishesEveryPortOnLoopbackUnlessAllInterfacesAreChosen()
    {
        var spec = new SidecarSpec { Name = "s", PrometheusUrl = "http://p:9090", Network = LabNetwork.BridgeName }.Build();
        var command = DockerRunCommand.Render(spec, revealSecrets: false);
        Assert.Contains("--network=thanoslab", command);
        Assert.Equal(new[] { "127.0.0.1:19090:19090", "127.0.0.1:19190:19190" }, Published(command));
        // Inside the container it listens on the bridge, or the published ports would reach nothing.
        Assert.Equal(new[] { "--http-address", "0.0.0.0:19090", "--grpc-address", "0.0.0.0:19190" }, spec.Arguments.Skip(1).Take(4));
        var open = DockerRunCommand.Render(new SidecarSpec { Name = "s", PrometheusUrl = "http://p:9090", Network = LabNetwork.BridgeName, ListenAddress = ListenAddress.AllInterfaces }.Build(), revealSecrets: false);
        Assert.Equal(new[] { "19090:19090", "19190:19190" }, Published(open));
    }

    [Fact]
    public void EveryComponentListensOnLoopbackByDefault()
    {
        Assert.Contains("--web.listen-address=127.0.0.1:9090",
            new PrometheusSpec { Name = "p", ConfigPath = "/c.yml", DataPath = "/d" }.Build().Arguments);
        Assert.Equal(new[] { "--http-address", "127.0.0.1:19090", "--grpc-address", "127.0.0.1:19190" },
            new SidecarSpec { Name = "s", PrometheusUrl = "http://127.0.0.1:9090" }.Build().Arguments.Skip(1).Take(4));
        Assert.Equal(new[] { "query", "--http-address", "127.0.0.1:9091" },
            new QuerierSpec { Name = "q", Stores = new[] { "127.0.0.1:19190" } }.Build().Arguments.Take(3));
        Assert.Equal(new[] { "--http-address", "127.0.0.1:19091", "--grpc-address", "127.0.0.1:19191" },
            new StoreGatewaySpec { Name = "g", BucketConfigPath = "/b.yaml" }.Build().Arguments.Skip(3));
        Assert.Equal(new[] { "--http-address", "127.0.0.1:19095" },
            new CompactorSpec { Name = "c", BucketConfigPath = "/b.yaml" }.Build().Arguments.TakeLast(2));
        // MinIO on Docker's default bridge publishes on loopback; as a process it listens there itself.
        var bridged = new MinioSpec { Name = "m", DataPath = "/m", AccessKey = "minio", SecretKey = "melovethanos" }.Build();
        Assert.Equal(new[] { "127.0.0.1:9000:9000" }, Published(DockerRunCommand.Render(bridged, revealSecrets: false)));
        Assert.Equal(new[] { "server", "/data" }, bridged.Arguments);
        var hosted = new MinioSpec { Name = "m", DataPath = "/m", AccessKey = "minio", SecretKey = "melovethanos", Network = LabNetwork.Host }.Build();
        Assert.Equal(new[] { "server", "/data", "--address", "127.0.0.1:9000" }, hosted.Arguments);
    }

    [Fact]
    public void AnotherListenAddressIsRefusedNamingTheAcceptedOnes()
    {
        var e = Assert.Throws<ThanosLabException>(() => ListenAddress.Parse("10.0.0.1"));
        Assert.Equal("InvalidListenAddress", e.ErrorId);
        Assert.Contains("'10.0.0.1'", e.Message);
        Assert.Contains("127.0.0.1", e.Message);
        Assert.Contains("0.0.0.0", e.Message);
    }

    [Fact]
    public void MinioSpecShowsItsSecretKeyMasked()
    {
        var spec = new MinioSpec { Name = "minio", DataPath = "/m", AccessKey = "minio", SecretKey = "melovethanos" };
        Assert.DoesNotContain("melovethanos", spec.ToString());
        Assert.Contains("SecretKey = ***", spec.ToString());
        Assert.Contains("AccessKey = minio", spec.ToString());
    }

    private static IEnumerable<string> Published(IReadOnlyList<string> command) => command.Where((_, i) => i > 0 && command[i - 1] == "-p");

    [Fact]
    public void SecretsAreMaskedInTheShownCommandAndLeftOutOfTheHash()
    {
        var one = new MinioSpec { Name = "minio", DataPath = "/m", AccessKey = "minio", SecretKey = "melovethanos" }.Build();
        var two = one with { Environment = new Dictionary<string, string> { ["MINIO_ACCESS_KEY"] = "minio", ["MINIO_SECRET_KEY"] = "another-secret" } };
        Assert.DoesNotContain("melovethanos", one.ToString());
        Assert.Contains("MINIO_SECRET_KEY=***", one.ToString());
        Assert.Equal(SpecHash.Compute(one), SpecHash.Compute(two));
        Assert.NotEqual(SpecHash.Compute(one), SpecHash.Compute(one with { Image = "minio/minio:latest" }));
    }

    [Theory]
    [InlineData("-bad", "InvalidComponentName")]
    [InlineData("has space", "InvalidComponentName")]
    [InlineData("", "InvalidComponentName")]
    public void BadNamesAreRejectedByName(string name, string errorId)
    {
        var e = Assert.Throws<ThanosLabException>(() => new QuerierSpec { Name = name, Stores = Array.Empty<string>() }.Build());
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains($"'{name}'", e.Message);
    }

    [Fact]
    public void BadPortsAndPathsAreRejectedWithTheValue()
    {
        var port = Assert.Throws<ThanosLabException>(() => new QuerierSpec { Name = "q", HttpPort = 70000, Stores = Array.Empty<string>() }.Build());
        Assert.Equal("InvalidPort", port.ErrorId);
        Assert.Contains("70000", port.Message);
        var same = Assert.Throws<ThanosLabException>(() => new StoreGatewaySpec { Name = "s", BucketConfigPath = "/b", HttpPort = 1, GrpcPort = 1 }.Build());
        Assert.Equal("DuplicatePort", same.ErrorId);
        var relative = Assert.Throws<ThanosLabException>(() => new StoreGatewaySpec { Name = "s", BucketConfigPath = "b.yaml" }.Build());
        Assert.Equal("PathNotAbsolute", relative.ErrorId);
        Assert.Contains("'b.yaml'", relative.Message);
        var upload = Assert.Throws<ThanosLabException>(() => new SidecarSpec { Name = "s", PrometheusUrl = "http://x", UploadCompacted = true }.Build());
        Assert.Equal("UploadCompactedWithoutBucket", upload.ErrorId);
    }

    private static void AssertTutorial(string tutorial, ComponentSpec spec)
    {
        var expected = Parse(Tokenize(tutorial));
        var actual = Parse(DockerRunCommand.Render(spec, revealSecrets: true));
        Assert.Equal(expected.Options, actual.Options);
        Assert.Equal(expected.Image, actual.Image);
        Assert.Equal(expected.Command, actual.Command);
    }

    private static List<string> Tokenize(string shell) =>
        shell.Replace("\\\r\n", " ").Replace("\\\n", " ").Replace("\"", "")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();

    // docker run's options that take a value as the next word.
    private static readonly HashSet<string> ValueOptions = new() { "-v", "-p", "-e", "-u", "--name", "--network" };

    private static (List<string> Options, string Image, List<string> Command) Parse(IReadOnlyList<string> tokens)
    {
        Assert.Equal("docker", tokens[0]);
        Assert.Equal("run", tokens[1]);
        var options = new List<string>();
        var i = 2;
        while (tokens[i].StartsWith('-'))
        {
            options.Add(ValueOptions.Contains(tokens[i]) ? $"{tokens[i]} {tokens[++i]}" : tokens[i]);
            i++;
        }
        options.Sort(StringComparer.Ordinal);
        return (options, tokens[i], tokens.Skip(i + 1).ToList());
    }
}
