using System.Management.Automation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>Ctrl+C (PowerShell.Stop) during Publish-ThanosBlock to radosgw, whose round trips make the upload long enough to interrupt.</summary>
[Collection(RadosGatewayCollection.Name)]
public sealed class PublishThanosBlockStopTests : IDisposable
{
    private readonly RadosGateway _rgw;
    private readonly TempDirectory _dir = new();

    public PublishThanosBlockStopTests(RadosGateway rgw) => _rgw = rgw;

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public void StoppingLeavesNoMetaJsonForAnIncompleteBlockAndARerunCompletesIt()
    {
        _rgw.Require();
        var config = _rgw.NewBucketConfig();
        using var ps = PowerShellSession.Create();
        ps.AddScript($"$cred = [pscredential]::new('{_rgw.AccessKey}', [Net.NetworkCredential]::new('', '{_rgw.SecretKey}').SecurePassword); " +
            $"$bucket = New-ThanosBucketConfig -S3 -Bucket {config.Bucket} -Endpoint {_rgw.Endpoint} -Credential $cred -Insecure; $null = New-ThanosBucket -Bucket $bucket; " +
            $"$null = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{{cluster='one'}} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '{_dir.Path}'");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        ps.Commands.Clear();
        ps.Streams.Progress.Clear();

        ps.AddScript($"Publish-ThanosBlock -Path '{_dir.Path}' -Bucket $bucket -Label @{{cluster='eu1'}} -ThrottleLimit 1");
        var run = ps.BeginInvoke();
        SpinWait.SpinUntil(() => ps.Streams.Progress.Count > 0, TimeSpan.FromMinutes(1));
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(run));

        using var bucket = config.Open();
        var catalog = BucketBlockCatalog.ReadAsync(bucket, null, 4, default).GetAwaiter().GetResult();
        var complete = catalog.Where(c => c.HasMeta).Select(c => c.Id).ToList();
        Assert.True(complete.Count < 13, $"{complete.Count} blocks were complete: the stop came too late to test anything");
        Assert.All(catalog.Where(c => c.HasMeta), c => Assert.Contains("index", c.Objects.Keys));
        Assert.Equal(complete.Order(), (ShipperState.Read(_dir.Path).Uploaded ?? Array.Empty<string>()).Order());

        ps.Commands.Clear();
        ps.AddScript($"$null = Publish-ThanosBlock -Path '{_dir.Path}' -Bucket $bucket -Label @{{cluster='eu1'}}; Test-ThanosBucketUpload -Path '{_dir.Path}' -Bucket $bucket -Label @{{cluster='eu1'}} -Quiet");
        Assert.Equal(true, ps.Invoke().Single().BaseObject);
        Assert.Empty(ps.Streams.Error);
    }
}
