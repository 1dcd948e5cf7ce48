using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// Unattended runs against an S3 endpoint that is not there yet, or never answers (issue 12 item 7):
/// Test-ThanosBucketUpload -Wait waits through connection-refused and bucket-not-found, and the
/// configured http_config timeouts end a request to a server that accepts and says nothing.
/// Every run is bounded by a minute: a hang fails the test instead of stalling the suite.
/// </summary>
[Collection(RadosGatewayCollection.Name)]
public sealed class BucketWaitTests : IDisposable
{
    private readonly RadosGateway _rgw;
    private readonly TempDirectory _dir = new();

    public BucketWaitTests(RadosGateway rgw) => _rgw = rgw;

    public void Dispose() => _dir.Dispose();

    private PowerShell Session(out string[] ids)
    {
        var ps = GeneratedDataSession.Create(_dir, out ids);
        ps.AddScript($"$cred = [pscredential]::new('{_rgw.AccessKey}', [Net.NetworkCredential]::new('', '{_rgw.SecretKey}').SecurePassword)");
        ps.Invoke();
        ps.Commands.Clear();
        return ps;
    }

    private static string S3(string bucket, string endpoint) => $"(New-ThanosBucketConfig -S3 -Bucket {bucket} -Endpoint {endpoint} -Credential $cred -Insecure)";

    private static ErrorRecord ErrorOf(PowerShell ps, string script)
    {
        try
        {
            ps.InvokeBounded(script);
        }
        catch (RuntimeException e)
        {
            return e.ErrorRecord;
        }
        return Assert.Single(ps.Streams.Error);
    }

    [SkippableFact]
    public void WaitRetriesARefusedConnectionUntilTheServerAnswers()
    {
        _rgw.Require();
        using var ps = Session(out _);
        var bucket = _rgw.NewBucketConfig().Bucket;
        ps.InvokeBounded($"$direct = {S3(bucket, _rgw.Endpoint)}; $null = New-ThanosBucket -Bucket $direct; $null = Publish-ThanosBlock -Path $data -Bucket $direct -Label @{{ cluster = 'eu1' }}");
        Assert.Empty(ps.Streams.Error);

        // The same bucket through a port that refuses connections until the wait has said it was refused
        // (a fixed delay let a slow first attempt find the port open on a loaded machine).
        using var late = new DelayedTcpForwarder(_rgw.Endpoint);
        using var refused = new ManualResetEventSlim();
        ps.Streams.Verbose.DataAdded += (_, e) =>
        {
            if (ps.Streams.Verbose[e.Index].Message.StartsWith("Waiting for the bucket: Cannot reach the S3 endpoint", StringComparison.Ordinal))
            {
                refused.Set();
            }
        };
        var result = ps.InvokeBounded($"Test-ThanosBucketUpload -Path $data -Bucket {S3(bucket, "127.0.0.1:" + late.Port)} -Wait -Timeout '50s' -Interval '200ms' -Quiet -Verbose", () =>
        {
            var reported = refused.Wait(TimeSpan.FromSeconds(40));
            late.Start();
            Assert.True(reported, "the wait never reported the refused connection");
        });
        Assert.Equal(new object[] { true }, result.Select(o => o.BaseObject));
        Assert.Empty(ps.Streams.Error);
        Assert.Contains(ps.Streams.Verbose, v => v.Message.StartsWith("Waiting for the bucket: Cannot reach the S3 endpoint", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void WaitRetriesAMissingBucketUntilItIsCreatedAndFilled()
    {
        _rgw.Require();
        using var ps = Session(out _);
        var config = _rgw.NewBucketConfig();
        var result = ps.InvokeBounded($"Test-ThanosBucketUpload -Path $data -Bucket {S3(config.Bucket, _rgw.Endpoint)} -Label @{{ cluster = 'eu1' }} -Wait -Timeout '50s' -Interval '200ms' -Quiet -Verbose", () =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(2));
            using var second = PowerShellSession.Create();
            second.AddScript($"$cred = [pscredential]::new('{_rgw.AccessKey}', [Net.NetworkCredential]::new('', '{_rgw.SecretKey}').SecurePassword); " +
                $"$b = {S3(config.Bucket, _rgw.Endpoint)}; $null = New-ThanosBucket -Bucket $b; $null = Publish-ThanosBlock -Path '{_dir.Combine("data")}' -Bucket $b -Label @{{ cluster = 'eu1' }}");
            second.Invoke();
            Assert.Empty(second.Streams.Error);
        });
        Assert.Equal(new object[] { true }, result.Select(o => o.BaseObject));
        Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void AWaitThatEndsWhileNothingListensNamesTheLastState()
    {
        _rgw.Require();
        using var ps = Session(out _);
        var error = ErrorOf(ps, $"Test-ThanosBucketUpload -Path $data -Bucket {S3("thanos", "127.0.0.1:" + PrometheusProcess.FreeLoopbackPort())} -Wait -Timeout '3s' -Interval '200ms'");
        Assert.Equal("BucketWaitTimedOut,ThanosLab.Cmdlets.TestThanosBucketUploadCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("Cannot reach the S3 endpoint", error.Exception.Message);
        Assert.Contains("00:00:03", error.Exception.Message);
    }

    [SkippableFact]
    public void AServerThatAcceptsButNeverAnswersEndsAtTheResponseHeaderTimeout()
    {
        _rgw.Require();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<Socket>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    var s = await silent.AcceptSocketAsync();
                    lock (accepted) accepted.Add(s);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        });
        var yaml = _dir.Combine("silent.yaml");
        File.WriteAllText(yaml, $"type: S3\nconfig:\n  bucket: thanos\n  endpoint: 127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}\n  access_key: a\n  secret_key: b\n  insecure: true\n  max_retries: 1\n  http_config:\n    response_header_timeout: 1s\nprefix: \"\"\n");
        using var ps = PowerShellSession.Create();
        var error = ErrorOf(ps, $"Get-ThanosBlock -Bucket (Import-ThanosConfig -Path '{yaml}')");
        Assert.Equal("S3Timeout,ThanosLab.Cmdlets.GetThanosBlockCommand", error.FullyQualifiedErrorId);
        Assert.Contains("did not answer in time", error.Exception.Message);
        lock (accepted)
        {
            Assert.NotEmpty(accepted);
            foreach (var s in accepted) s.Dispose();
        }
    }
}
