using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

/// <summary>Upload, catalog, verification and marks against a real S3 server (radosgw).</summary>
[Collection(RadosGatewayCollection.Name)]
public sealed class BucketUploadS3Tests : IDisposable
{
    private readonly RadosGateway _rgw;
    private readonly TempDirectory _dir = new();

    public BucketUploadS3Tests(RadosGateway rgw) => _rgw = rgw;

    public void Dispose() => _dir.Dispose();

    private string Data => _dir.Combine("data");

    private static UploadOptions Options => new() { ExternalLabels = TestBlocks.Labels(("cluster", "eu1")), Parallelism = 4 };

    private static async Task<IReadOnlyList<UploadedBlock>> UploadAsync(IBucket bucket, string data, Action<UploadProgress>? progress = null, CancellationToken ct = default)
    {
        var uploader = new BlockUploader(bucket, Options);
        var plan = await uploader.PlanAsync(data, null, ct);
        return await uploader.UploadAsync(plan, plan.ToUpload.ToList(), progress, ct);
    }

    private static Task<BucketUploadReport> VerifyAsync(CountingBucket bucket, string data) =>
        new BucketUploadVerifier(bucket, TestBlocks.Labels(("cluster", "eu1")), false).VerifyAsync(new[] { (data, (IReadOnlySet<string>?)null) }, default);

    [SkippableFact]
    public async Task AGeneratedProfileIsUploadedVerifiedFromOneListingAndNotUploadedTwice()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = new CountingBucket(_rgw.CreateBucket(prefix: "tenant"));
        var uploaded = await UploadAsync(bucket, Data);
        Assert.Equal(blocks.Count, uploaded.Count);
        Assert.All(uploaded, u => Assert.StartsWith("s3://", u.Location, StringComparison.Ordinal));
        var uploads = bucket.Calls.Where(c => c.Operation == "Upload").Select(c => c.Key).ToList();
        foreach (var b in blocks)
        {
            Assert.True(uploads.IndexOf(b.Meta.Id + "/index") < uploads.IndexOf(b.Meta.Id + "/meta.json"));
        }

        bucket.Calls.Clear();
        var report = await VerifyAsync(bucket, Data);
        Assert.True(report.Passed, string.Join("; ", report.Blocks.SelectMany(b => b.Details)));
        Assert.Equal(1, bucket.Count("List"));
        Assert.Equal(blocks.Count, bucket.Count("Read"));

        bucket.Calls.Clear();
        Assert.Empty(await UploadAsync(bucket, Data));
        Assert.Equal(0, bucket.Count("Upload"));

        var catalog = await BucketBlockCatalog.ReadAsync(bucket, null, 4, default);
        Assert.Equal(blocks.Select(b => b.Meta.Id).Order(StringComparer.Ordinal), catalog.Select(c => c.Id));
        Assert.All(catalog, c => Assert.Equal("eu1", c.Meta!.Thanos!.Labels.Get("cluster")));
    }

    [SkippableFact]
    public async Task CancellingLeavesNoMetaJsonForAnIncompleteBlockAndARerunCompletesIt()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = new CountingBucket(_rgw.CreateBucket());
        using var cts = new CancellationTokenSource();
        var transfers = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UploadAsync(bucket, Data, _ => { if (Interlocked.Increment(ref transfers) == 6) cts.Cancel(); }, cts.Token));

        var catalog = await BucketBlockCatalog.ReadAsync(bucket, null, 4, default);
        Assert.True(catalog.Count(c => c.HasMeta) < blocks.Count);
        foreach (var c in catalog.Where(c => c.HasMeta))
        {
            // A block with meta.json has all of its data.
            Assert.Contains("index", c.Objects.Keys);
            Assert.Contains("chunks/000001", c.Objects.Keys);
        }

        await UploadAsync(bucket, Data);
        Assert.True((await VerifyAsync(bucket, Data)).Passed);
    }

    [SkippableFact]
    public async Task DeletedAndRewrittenObjectsAreReportedPerBlock()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = new CountingBucket(_rgw.CreateBucket());
        await UploadAsync(bucket, Data);
        await bucket.DeleteAsync(blocks[0].Meta.Id + "/chunks/000001", default);
        await bucket.DeleteAsync(blocks[1].Meta.Id + "/meta.json", default);
        await bucket.UploadBytesAsync(blocks[2].Meta.Id + "/index", new byte[] { 1, 2, 3 }, default);
        await bucket.UploadBytesAsync(blocks[3].Meta.Id + "/meta.json", "{ broken"u8.ToArray(), default);
        var report = await VerifyAsync(bucket, Data);
        var status = report.Blocks.ToDictionary(b => b.Id, b => b.Status);
        Assert.Equal(BlockUploadStatus.FileMissing, status[blocks[0].Meta.Id]);
        Assert.Equal(BlockUploadStatus.Partial, status[blocks[1].Meta.Id]);
        Assert.Equal(BlockUploadStatus.SizeMismatch, status[blocks[2].Meta.Id]);
        Assert.Equal(BlockUploadStatus.CorruptMeta, status[blocks[3].Meta.Id]);
        Assert.Equal(BlockUploadStatus.Uploaded, status[blocks[4].Meta.Id]);

        var mark = BlockMark.Create(BlockMarkKind.Deletion, blocks[4].Meta.Id, DateTimeOffset.UtcNow, "s3 test");
        Assert.True((await BlockMarker.SetAsync(bucket, mark, default)).Written);
        var catalog = (await BucketBlockCatalog.ReadAsync(bucket, null, 4, default)).ToDictionary(c => c.Id);
        Assert.True(catalog[blocks[4].Meta.Id].DeletionMarked);
        Assert.True(catalog[blocks[1].Meta.Id].IsPartial);
        Assert.NotNull(catalog[blocks[3].Meta.Id].MetaError);
    }

    [SkippableFact]
    public async Task AMissingS3BucketIsBucketNotFound()
    {
        _rgw.Require();
        TestBlocks.Generate(Data);
        using var bucket = _rgw.NewBucketConfig().Open();
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => UploadAsync(bucket, Data));
        Assert.Equal("BucketNotFound", e.ErrorId);
    }
}
