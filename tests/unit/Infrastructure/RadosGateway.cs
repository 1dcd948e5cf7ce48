using System.Diagnostics;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ThanosLab.Engine.Objstore;
using Xunit;

namespace ThanosLab.Tests.Infrastructure;

/// <summary>
/// A real S3 server for the test run: a throw-away Ceph cluster with a RADOS Gateway on loopback
/// (shared/docs/s3-test-server.md), started once by tests/tools/radosgw_cluster.py and stopped by
/// the PIDs it reported. Tests in the <see cref="RadosGatewayCollection"/> share it; each test makes
/// its own bucket. When radosgw is not installed the tests skip (and fail under CI=true).
/// </summary>
public sealed class RadosGateway : IDisposable
{
    private const string SystemPython = "/usr/bin/python3";
    private readonly string? _unavailable;
    private readonly int[] _pids = Array.Empty<int>();
    private readonly string _base = "";
    private readonly string _script = "";
    private int _bucketCounter;

    public RadosGateway()
    {
        var missing = new[] { "radosgw", "ceph-mon", "ceph-osd", "monmaptool", "radosgw-admin" }.Where(t => Requires.FindOnPath(t) is null).ToArray();
        if (missing.Length > 0)
        {
            _unavailable = $"{string.Join(", ", missing)} not on PATH (apt-get install radosgw ceph-mon ceph-osd python3-rados)";
            return;
        }
        if (!File.Exists(SystemPython))
        {
            _unavailable = $"{SystemPython} is missing (apt-get install python3-rados)";
            return;
        }
        _script = FindScript();
        _base = Path.Combine(Path.GetTempPath(), "thanoslab-rgw-" + Guid.NewGuid().ToString("N")[..10]);
        var (code, stdout, stderr) = RunScript("start", "--base", _base, "--owner-pid", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (code != 0)
        {
            _unavailable = $"the radosgw test cluster did not start (exit {code}): {stderr}";
            return;
        }
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Endpoint = root.GetProperty("endpoint").GetString()!;
        AccessKey = root.GetProperty("accessKey").GetString()!;
        SecretKey = root.GetProperty("secretKey").GetString()!;
        ReaderAccessKey = root.GetProperty("readerAccessKey").GetString()!;
        ReaderSecretKey = root.GetProperty("readerSecretKey").GetString()!;
        _pids = root.GetProperty("pids").EnumerateArray().Select(p => p.GetInt32()).ToArray();
    }

    /// <summary><c>127.0.0.1:port</c>, plain HTTP.</summary>
    public string Endpoint { get; } = "";

    public string AccessKey { get; } = "";

    public string SecretKey { get; } = "";

    /// <summary>The keys of a second user, <c>reader</c>, who owns no bucket; <see cref="AllowReading"/> lets it read one.</summary>
    public string ReaderAccessKey { get; } = "";

    public string ReaderSecretKey { get; } = "";

    /// <summary>Skips (or under CI fails) the calling test when the server could not be started.</summary>
    public void Require() => Requires.Component(_unavailable is null, _unavailable ?? "");

    /// <summary>A config for a bucket name not used before in this run (the bucket is not created).</summary>
    public S3BucketConfig NewBucketConfig(string? secret = null, string? accessKey = null, long partSize = 0, string prefix = "", S3SseConfig? sse = null, string? bucket = null) => new()
    {
        Bucket = bucket ?? $"test-{Interlocked.Increment(ref _bucketCounter)}-{Guid.NewGuid().ToString("N")[..6]}",
        Endpoint = Endpoint,
        Insecure = true,
        AccessKey = accessKey ?? AccessKey,
        SecretKey = new SecretString(secret ?? SecretKey),
        PartSize = partSize,
        Prefix = prefix,
        SseConfig = sse ?? S3SseConfig.None,
    };

    /// <summary>Opens a bucket that exists.</summary>
    public IBucket CreateBucket(string prefix = "", long partSize = 0)
    {
        Require();
        var bucket = NewBucketConfig(partSize: partSize, prefix: prefix).Open();
        Assert.True(bucket.EnsureExistsAsync(CancellationToken.None).GetAwaiter().GetResult());
        return bucket;
    }

    /// <summary>Gives the user <c>reader</c> list and read access to <paramref name="bucket"/> (a bucket policy), and nothing else.</summary>
    public void AllowReading(string bucket)
    {
        using var client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
        {
            ServiceURL = "http://" + Endpoint, UseHttp = true, ForcePathStyle = true, AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED, ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam:::user/reader"]},
            "Action":["s3:ListBucket","s3:GetObject"],"Resource":["arn:aws:s3:::{{bucket}}","arn:aws:s3:::{{bucket}}/*"]}]}
            """;
        client.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = policy }).GetAwaiter().GetResult();
    }

    public void Dispose()
    {
        if (_pids.Length == 0) return;
        RunScript(new[] { "stop", "--base", _base }.Concat(_pids.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
    }

    private (int Code, string Stdout, string Stderr) RunScript(params string[] args)
    {
        var psi = new ProcessStartInfo(SystemPython) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(_script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout, stderr.Result);
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools", "radosgw_cluster.py");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tests/tools/radosgw_cluster.py not found above " + AppContext.BaseDirectory);
    }
}

[CollectionDefinition(Name)]
public sealed class RadosGatewayCollection : ICollectionFixture<RadosGateway>
{
    public const string Name = "RadosGateway";
}
