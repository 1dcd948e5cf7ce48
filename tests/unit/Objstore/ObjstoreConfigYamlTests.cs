using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Prometheus;
using ThanosLab.Engine.Yaml;
using ThanosLab.Tests.Infrastructure;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace ThanosLab.Tests.Objstore;

public class ObjstoreConfigYamlTests
{
    [Fact]
    public void TutorialFileParsesAndReExportsTheSameKeysAndValues()
    {
        var config = Assert.IsType<S3BucketConfig>(ObjstoreConfigYaml.Parse(TutorialFiles.BucketStorage, "bucket_storage.yaml"));
        Assert.Equal("thanos", config.Bucket);
        Assert.Equal("127.0.0.1:9000", config.Endpoint);
        Assert.True(config.Insecure);
        Assert.True(config.SignatureVersion2);
        Assert.Equal("minio", config.AccessKey);
        Assert.Equal("melovethanos", config.SecretKey!.Reveal());
        Assert.True(config.ContainsSecret);

        var exported = config.ToYaml();
        Assert.Equal(Flatten(TutorialFiles.BucketStorage).Append(("prefix", "")).OrderBy(x => x.Item1), Flatten(exported).OrderBy(x => x.Item1));
        // And it reads back to the same YAML.
        Assert.Equal(exported, ObjstoreConfigYaml.Parse(exported, "exported").ToYaml());
    }

    [Fact]
    public void EveryS3KeyRoundTrips()
    {
        const string yaml = """
            type: s3
            config:
              bucket: thanos
              endpoint: s3.example.com
              region: eu-west-1
              access_key: AK
              secret_key: "s3cr#t: x"
              session_token: tok
              insecure: false
              disable_dualstack: true
              put_user_metadata:
                X-Amz-Storage-Class: STANDARD_IA
              http_config:
                idle_conn_timeout: 2m
                response_header_timeout: 30s
                insecure_skip_verify: true
                tls_handshake_timeout: 5s
                expect_continue_timeout: 2s
                max_idle_conns: 10
                max_idle_conns_per_host: 5
                max_conns_per_host: 3
                disable_compression: true
                tls_config:
                  ca_file: /etc/ca.pem
                  server_name: s3.internal
              trace:
                enable: true
              list_objects_version: v1
              bucket_lookup_type: path
              send_content_md5: false
              disable_multipart: true
              part_size: 16777216
              sse_config:
                type: SSE-KMS
                kms_key_id: key-1
                kms_encryption_context:
                  team: eu
              sts_endpoint: sts.example.com
              max_retries: 7
            prefix: /tenant/a/
            """;
        var config = Assert.IsType<S3BucketConfig>(ObjstoreConfigYaml.Parse(yaml, "all.yaml"));
        Assert.Equal("tenant/a", config.Prefix);
        Assert.Equal(TimeSpan.FromMinutes(2), config.HttpConfig.IdleConnTimeout);
        Assert.Equal(3, config.HttpConfig.MaxConnsPerHost);
        Assert.Equal("s3.internal", config.HttpConfig.TlsConfig.ServerName);
        Assert.Equal("SSE-KMS", config.SseConfig.Type);
        Assert.Equal("eu", config.SseConfig.KmsEncryptionContext["team"]);
        Assert.Equal(16777216, config.PartSize);
        Assert.Equal("s3cr#t: x", config.SecretKey!.Reveal());
        var again = ObjstoreConfigYaml.Parse(config.ToYaml(), "again");
        Assert.Equal(config.ToYaml(), again.ToYaml());
        var expected = Flatten(yaml).Where(kv => kv.Item1 != "config.insecure").Select(kv => kv.Item1 switch
        {
            "type" => ("type", "S3"),
            "prefix" => ("prefix", "tenant/a"),
            _ => kv,
        });
        Assert.Equal(expected.OrderBy(x => x.Item1), Flatten(config.ToYaml()).OrderBy(x => x.Item1));
    }

    [Fact]
    public void FileSystemConfigParses()
    {
        var config = Assert.IsType<FileSystemBucketConfig>(ObjstoreConfigYaml.Parse("type: FILESYSTEM\nconfig:\n  directory: /data/bucket\n", "fs.yaml"));
        Assert.Equal("/data/bucket", config.Directory);
        Assert.Equal("", config.Prefix);
    }

    [Fact]
    public void OnlyTheFirstDocumentIsRead()
    {
        var config = ObjstoreConfigYaml.Parse("type: FILESYSTEM\nconfig:\n  directory: /a\n---\nthis: [is not even: valid\n", "two.yaml");
        Assert.Equal("/a", ((FileSystemBucketConfig)config).Directory);
    }

    [Theory]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  colour: blue\n", "'colour'")]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\nextra: 1\n", "'extra'")]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  http_config:\n    idle_timeout: 1s\n", "'idle_timeout'")]
    [InlineData("type: FILESYSTEM\nconfig:\n  directory: /a\n  dir: /b\n", "'dir'")]
    public void UnknownKeysAreRejectedNamingTheKey(string yaml, string key)
    {
        var e = Assert.Throws<ThanosLabException>(() => ObjstoreConfigYaml.Parse(yaml, "strict.yaml"));
        Assert.Equal("InvalidObjstoreConfig", e.ErrorId);
        Assert.Contains(key, e.Message);
        Assert.Contains("strict.yaml", e.Message);
    }

    [Theory]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: http://127.0.0.1:9000\n", "EndpointHasScheme", "-Insecure")]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n", "MissingEndpoint", "host[:port]")]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  access_key: only\n", "IncompleteCredentials", "'only'")]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  sse_config:\n    type: ROT13\n", "InvalidSseConfig", "ROT13")]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  list_objects_version: v3\n", "InvalidListObjectsVersion", "v3")]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  part_size: 1024\n", "InvalidPartSize", "1024")]
    [InlineData("type: S3\nconfig:\n  bucket: Thanos_Bucket\n  endpoint: a:9000\n", "InvalidBucketName", "Thanos_Bucket")]
    [InlineData("type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  insecure: \"true\"\n", "InvalidObjstoreConfig", "config.insecure")]
    [InlineData("type: GCS\nconfig:\n  bucket: thanos\n", "UnsupportedBucketType", "GCS")]
    [InlineData("type: FTP\n", "InvalidObjstoreConfig", "'FTP'")]
    [InlineData("config:\n  bucket: x\n", "InvalidObjstoreConfig", "no 'type'")]
    [InlineData("", "InvalidObjstoreConfig", "empty")]
    [InlineData("type: FILESYSTEM\nconfig: {}\n", "MissingBucketDirectory", "directory")]
    public void InvalidConfigsNameTheProblem(string yaml, string errorId, string mention)
    {
        var e = Assert.Throws<ThanosLabException>(() => ObjstoreConfigYaml.Parse(yaml, "bad.yaml"));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains(mention, e.Message + " " + e.RecommendedAction);
    }

    // Thanos decodes the http_config timeouts as prometheus/common model.Duration (ParseDuration): whole
    // numbers with the units y, w, d, h, m, s, ms, largest first, each at most once; "0"; at most ~292 years.
    [Theory]
    [InlineData("90s", 90_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h0m0s", 3_600_000)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("010s", 10_000)]
    [InlineData("1y2w3d4h5m6s7ms", 31_536_000_000 + 1_209_600_000 + 259_200_000 + 14_400_000 + 300_000 + 6_000 + 7)]
    [InlineData("250ms", 250)]
    [InlineData("292y", 292L * 31_536_000_000)]
    [InlineData("", 0)]
    public void HttpTimeoutsAcceptExactlyThanosDurationSpellings(string spelling, long milliseconds)
    {
        var config = (S3BucketConfig)ObjstoreConfigYaml.Parse($"type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  http_config:\n    idle_conn_timeout: {spelling}\n", "ok.yaml");
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), config.HttpConfig.IdleConnTimeout);
    }

    [Theory]
    [InlineData("1.5h")]
    [InlineData("-5s")]
    [InlineData("+5s")]
    [InlineData("90")]
    [InlineData("1m1m")]
    [InlineData("30s1m")]
    [InlineData("1ms1s")]
    [InlineData("1h 30m")]
    [InlineData("500us")]
    [InlineData("10ns")]
    [InlineData("5S")]
    [InlineData("1e3s")]
    [InlineData("\" 5s\"")]
    [InlineData("\"\"")]
    [InlineData("293y")]
    [InlineData("9999999999999999999s")]
    [InlineData("100000000y")]
    public void HttpTimeoutsRefuseSpellingsThanosRefuses(string spelling)
    {
        foreach (var key in new[] { "idle_conn_timeout", "response_header_timeout", "tls_handshake_timeout", "expect_continue_timeout" })
        {
            var e = Assert.Throws<ThanosLabException>(() => ObjstoreConfigYaml.Parse($"type: S3\nconfig:\n  bucket: thanos\n  endpoint: a:9000\n  http_config:\n    {key}: {spelling}\n", "bad.yaml"));
            Assert.Equal("InvalidObjstoreConfig", e.ErrorId);
            Assert.Contains("config.http_config." + key, e.Message);
            Assert.Contains("y, w, d, h, m, s, ms", e.Message);
        }
    }

    [Fact]
    public void SyntaxErrorsDoNotQuoteTheSecret()
    {
        var e = Assert.Throws<ThanosLabException>(() => ObjstoreConfigYaml.Parse("type: S3\nconfig:\n  secret_key: \"hunter2-very-secret\n  bucket: [x\n", "broken.yaml"));
        Assert.Equal("InvalidObjstoreConfig", e.ErrorId);
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.DoesNotContain("hunter2", e.ToString());
    }

    [Fact]
    public void SecretNeverAppearsInToStringOrLocation()
    {
        var config = (S3BucketConfig)ObjstoreConfigYaml.Parse(TutorialFiles.BucketStorage, "bucket_storage.yaml");
        Assert.DoesNotContain("melovethanos", config.ToString());
        Assert.DoesNotContain("melovethanos", config.Location);
        Assert.DoesNotContain("melovethanos", config.SecretKey!.ToString());
        Assert.DoesNotContain("melovethanos", $"{config.SecretKey}");
        Assert.Equal("s3://thanos", config.Location);
    }

    [Theory]
    [InlineData("https://s3.amazonaws.com", "'s3.amazonaws.com'")]
    [InlineData("http://127.0.0.1:9000/", "'127.0.0.1:9000' with -Insecure")]
    public void EndpointWithASchemeGetsAHint(string endpoint, string hint)
    {
        var e = Assert.Throws<ThanosLabException>(() => S3BucketConfig.ValidateEndpoint(endpoint));
        Assert.Equal("EndpointHasScheme", e.ErrorId);
        Assert.Contains(hint, e.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:9000")]
    [InlineData("minio:9000")]
    [InlineData("s3.amazonaws.com")]
    [InlineData("[::1]:9000")]
    public void HostPortEndpointsAreAccepted(string endpoint) => S3BucketConfig.ValidateEndpoint(endpoint);

    [Theory]
    [InlineData("host:port")]
    [InlineData("host:99999")]
    [InlineData("host/path")]
    [InlineData("a b:9000")]
    public void MalformedEndpointsAreRejected(string endpoint)
    {
        var e = Assert.Throws<ThanosLabException>(() => S3BucketConfig.ValidateEndpoint(endpoint));
        Assert.Equal("InvalidEndpoint", e.ErrorId);
        Assert.Contains(endpoint, e.Message);
    }

    [Fact]
    public void TopLevelKeysTellABucketConfigFromAPrometheusConfig()
    {
        var bucket = YamlTopLevelKeys.Read(TutorialFiles.BucketStorage, "bucket_storage.yaml");
        var prometheus = YamlTopLevelKeys.Read("global:\n  scrape_interval: 5s\nscrape_configs: []\n", "prometheus.yml");
        Assert.True(ObjstoreConfigYaml.Recognises(bucket));
        Assert.False(PrometheusConfigYaml.Recognises(bucket));
        Assert.False(ObjstoreConfigYaml.Recognises(prometheus));
        Assert.True(PrometheusConfigYaml.Recognises(prometheus));
        Assert.Empty(YamlTopLevelKeys.Read("[not, a, mapping]", "x"));
        Assert.Empty(YamlTopLevelKeys.Read("{ unclosed", "x"));
    }

    /// <summary>The leaves of a YAML mapping as (dotted key, value) pairs.</summary>
    internal static List<(string, string)> Flatten(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var result = new List<(string, string)>();
        void Walk(YamlNode node, string path)
        {
            if (node is YamlMappingNode map)
            {
                foreach (var (k, v) in map.Children) Walk(v, path.Length == 0 ? ((YamlScalarNode)k).Value! : path + "." + ((YamlScalarNode)k).Value);
            }
            else
            {
                result.Add((path, ((YamlScalarNode)node).Value ?? ""));
            }
        }
        Walk(stream.Documents[0].RootNode, "");
        return result;
    }
}
