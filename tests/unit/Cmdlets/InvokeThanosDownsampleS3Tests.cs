using System.Management.Automation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// Invoke-ThanosDownsample -Bucket on radosgw with the published year: stopped (PowerShell.Stop, so StopProcessing)
/// while a block is being uploaded, and run with credentials that may read the bucket but not write it.
/// </summary>
[Collection(RadosGatewayCollection.Name)]
public sealed class InvokeThanosDownsampleS3Tests : IDisposable
{
    private readonly RadosGateway _rgw;
    private readonly TempDirectory _dir = new();

    public InvokeThanosDownsampleS3Tests(RadosGateway rgw) => _rgw = rgw;

    public void Dispose() => _dir.Dispose();

    private PowerShell Session(S3BucketConfig config)
    {
        var ps = PowerShellSession.Create();
        ps.AddScript($"$cred = [pscredential]::new('{_rgw.AccessKey}', [Net.NetworkCredential]::new('', '{_rgw.SecretKey}').SecurePassword); " +
            $"$bucket = New-ThanosBucketConfig -S3 -Bucket {config.Bucket} -Endpoint {_rgw.Endpoint} -Credential $cred -Insecure; $null = New-ThanosBucket -Bucket $bucket; " +
            $"$null = New-ThanosBlockData -Profile continuous-365d-tiny -Label @{{cluster='eu1'}} -MaxTime ([DateTimeOffset]'2024-01-01T00:00:00Z') -OutputDirectory '{_dir.Path}'; " +
            $"$null = Publish-ThanosBlock -Path '{_dir.Path}' -Bucket $bucket -Label @{{cluster='eu1'}}");
        ps.Invoke();
        Assert.True(ps.Streams.Error.Count == 0, string.Join("\n", ps.Streams.Error.Select(e => e.ToString())));
        ps.Commands.Clear();
        return ps;
    }

    private static IReadOnlyList<BucketBlock> Catalog(S3BucketConfig config)
    {
        using var bucket = config.Open();
        return BucketBlockCatalog.ReadAsync(bucket, null, 4, default).GetAwaiter().GetResult();
    }

    [SkippableFact]
    public void StoppedDuringAnUploadItLeavesNoPartialBlockAndARerunFinishes()
    {
        _rgw.Require();
        var config = _rgw.NewBucketConfig();
        using var ps = Session(config);
        string? stoppedAt = null;
        // Stopped from the pipeline thread the moment a block reports its first uploaded file: its index and meta.json are still to come.
        ps.Streams.Progress.DataAdded += (_, e) =>
        {
            var status = ps.Streams.Progress[e.Index].StatusDescription ?? "";
            if (stoppedAt is null && status.StartsWith("uploading, ", StringComparison.Ordinal) && !status.StartsWith("uploading, 0 ", StringComparison.Ordinal))
            {
                stoppedAt = ps.Streams.Progress[e.Index].Activity;
                ps.BeginStop(null, null);
            }
        };
        ps.AddScript("Invoke-ThanosDownsample -Bucket $bucket -ThrottleLimit 1");
        // A stop asked from inside the pipeline ends Invoke without an exception; the state says it stopped.
        try
        {
            ps.Invoke();
        }
        catch (PipelineStoppedException)
        {
        }
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.NotNull(stoppedAt);

        var catalog = Catalog(config);
        Assert.All(catalog, b => Assert.True(b.HasMeta, $"block {b.Id} is a partial upload: {string.Join(", ", b.Objects.Keys)}"));
        var written = catalog.Count(b => b.Meta!.Thanos!.DownsampleResolution > 0);
        Assert.True(written < 9, $"{written} blocks were written: the stop came too late to test anything");

        ps.Commands.Clear();
        ps.AddScript("Test-ThanosBucket -Bucket $bucket | Where-Object Kind -eq PartialUpload");
        Assert.Empty(ps.Invoke());
        ps.Commands.Clear();
        ps.AddScript("Invoke-ThanosDownsample -Bucket $bucket");
        Assert.Equal(14 - written, ps.Invoke().Count);
        Assert.Empty(ps.Streams.Error);
        ps.Commands.Clear();
        ps.AddScript("Get-ThanosDownsampleStatus -Bucket $bucket | Where-Object Status -eq Eligible");
        Assert.Empty(ps.Invoke());
    }

    [SkippableFact]
    public void CredentialsThatMayOnlyReadFailWithAccessDeniedAndWriteNothing()
    {
        _rgw.Require();
        var config = _rgw.NewBucketConfig();
        using var ps = Session(config);
        _rgw.AllowReading(config.Bucket);
        var before = Catalog(config).SelectMany(b => b.Objects.Keys.Select(k => b.Id + "/" + k)).Order(StringComparer.Ordinal).ToArray();

        ps.AddScript($"$readerCred = [pscredential]::new('{_rgw.ReaderAccessKey}', [Net.NetworkCredential]::new('', '{_rgw.ReaderSecretKey}').SecurePassword); " +
            $"$reader = New-ThanosBucketConfig -S3 -Bucket {config.Bucket} -Endpoint {_rgw.Endpoint} -Credential $readerCred -Insecure; " +
            "Get-ThanosDownsampleStatus -Bucket $reader | Where-Object Status -eq Eligible");
        Assert.Equal(9, ps.Invoke().Count);
        Assert.Empty(ps.Streams.Error);

        ps.Commands.Clear();
        ps.AddScript("Invoke-ThanosDownsample -Bucket $reader -Resolution 5m");
        var error = ps.InvokeForError();
        Assert.Equal("AccessDenied,ThanosLab.Cmdlets.InvokeThanosDownsampleCommand", error.FullyQualifiedErrorId);
        Assert.Contains(_rgw.ReaderAccessKey, error.Exception.Message);
        Assert.DoesNotContain(_rgw.ReaderSecretKey, error.ToString());
        Assert.Equal(before, Catalog(config).SelectMany(b => b.Objects.Keys.Select(k => b.Id + "/" + k)).Order(StringComparer.Ordinal).ToArray());
    }
}
