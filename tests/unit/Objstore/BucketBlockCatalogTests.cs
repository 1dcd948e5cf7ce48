using System.Runtime.CompilerServices;
using System.Text;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

public sealed class BucketBlockCatalogTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<(CountingBucket Bucket, IReadOnlyList<Engine.Generation.GeneratedBlock> Blocks)> UploadedAsync()
    {
        var data = _dir.Combine("data");
        var blocks = TestBlocks.Generate(data);
        Directory.CreateDirectory(_dir.Combine("bucket"));
        var bucket = new CountingBucket(new FileSystemBucket(_dir.Combine("bucket")));
        var uploader = new BlockUploader(bucket, new UploadOptions { ExternalLabels = TestBlocks.Labels(("cluster", "eu1")) });
        var plan = await uploader.PlanAsync(data, null, default);
        await uploader.UploadAsync(plan, plan.ToUpload.ToList(), null, default);
        bucket.Calls.Clear();
        return (bucket, blocks);
    }

    [Fact]
    public async Task ReadsBlocksFromOneListingAndOneMetaReadEach()
    {
        var (bucket, blocks) = await UploadedAsync();
        using var _ = bucket;
        var catalog = await BucketBlockCatalog.ReadAsync(bucket, null, 4, default);
        Assert.Equal(blocks.Select(b => b.Meta.Id).OrderBy(x => x, StringComparer.Ordinal), catalog.Select(b => b.Id));
        Assert.Equal(1, bucket.Count("List"));
        Assert.Equal(blocks.Count, bucket.Count("Read"));
        Assert.Equal(blocks.Count + 1, bucket.Calls.Count);
        Assert.All(catalog, b =>
        {
            Assert.False(b.IsPartial);
            Assert.NotNull(b.Meta);
            Assert.Equal("bucket.upload", b.Meta!.Thanos!.Source);
            var local = blocks.Single(x => x.Meta.Id == b.Id);
            Assert.Equal(new FileInfo(Path.Combine(local.Path, "index")).Length + new FileInfo(Path.Combine(local.Path, "chunks", "000001")).Length, b.SizeBytes);
            Assert.Equal(Path.Combine(_dir.Combine("bucket"), b.Id), b.Location);
        });
    }

    [Fact]
    public async Task FlagsMarksPartialUploadsAndReportsCorruptMetaWithoutThrowing()
    {
        var (bucket, blocks) = await UploadedAsync();
        using var _ = bucket;
        var ids = blocks.Select(b => b.Meta.Id).ToArray();
        var now = DateTimeOffset.UtcNow;
        await bucket.UploadBytesAsync(BlockMark.KeyOf(ids[0], BlockMarkKind.Deletion), Encoding.UTF8.GetBytes(BlockMark.Create(BlockMarkKind.Deletion, ids[0], now).ToJson()), default);
        await bucket.UploadBytesAsync(BlockMark.KeyOf(ids[1], BlockMarkKind.NoCompact), Encoding.UTF8.GetBytes(BlockMark.Create(BlockMarkKind.NoCompact, ids[1], now).ToJson()), default);
        await bucket.DeleteAsync(ids[2] + "/meta.json", default);
        await bucket.UploadBytesAsync(ids[3] + "/meta.json", Encoding.UTF8.GetBytes("{\"ulid\": 5"), default);
        await bucket.UploadBytesAsync("not-a-block/meta.json", Encoding.UTF8.GetBytes("{}"), default);
        await bucket.UploadBytesAsync("debug/metas/x.json", Encoding.UTF8.GetBytes("{}"), default);

        var catalog = (await BucketBlockCatalog.ReadAsync(bucket, null, 4, default)).ToDictionary(b => b.Id);
        Assert.Equal(blocks.Count, catalog.Count);
        Assert.True(catalog[ids[0]].DeletionMarked);
        Assert.False(catalog[ids[0]].NoCompactMarked);
        Assert.True(catalog[ids[1]].NoCompactMarked);
        Assert.True(catalog[ids[2]].IsPartial);
        Assert.Null(catalog[ids[2]].Meta);
        Assert.Null(catalog[ids[3]].Meta);
        Assert.Equal("InvalidBlockMeta", catalog[ids[3]].MetaError!.ErrorId);
        Assert.Contains(ids[3], catalog[ids[3]].MetaError!.Message);
        Assert.False(catalog[ids[3]].IsPartial);
    }

    [Fact]
    public async Task KeysThatAreNotInsideAUlidPrefixOrContainDotDotAreIgnored()
    {
        var (bucket, blocks) = await UploadedAsync();
        using var _ = bucket;
        var id = blocks[0].Meta.Id;
        // A directory bucket cannot hold such keys; an S3 bucket can. The listing entries are added by a
        // decorator to stand in for what a hostile or broken S3 listing returns.
        using var hostile = new ExtraListingBucket(bucket, $"{id}/../../etc/passwd", $"{id}/chunks/../index", "../01HK2M7J3QW8D5T1X0ZC9B6N4E/meta.json",
            "01hk2m7j3qw8d5t1x0zc9b6n4e/meta.json", $"{id}//x", $"{id}/./x", $"{id}\\x", "81HK2M7J3QW8D5T1X0ZC9B6N4E/meta.json", id);
        var catalog = await BucketBlockCatalog.ReadAsync(hostile, null, 4, default);
        Assert.Equal(blocks.Count, catalog.Count);
        Assert.Equal(new[] { "chunks/000001", "index", "meta.json" }, catalog.Single(b => b.Id == id).Objects.Keys.OrderBy(k => k, StringComparer.Ordinal));
    }

    /// <summary>Adds fixed keys to a real bucket's listing (see the test for why).</summary>
    private sealed class ExtraListingBucket : IBucket
    {
        private readonly IBucket _inner;
        private readonly string[] _extra;

        public ExtraListingBucket(IBucket inner, params string[] extra)
        {
            _inner = inner;
            _extra = extra;
        }

        public string Location => _inner.Location;

        public string LocationOf(string key) => _inner.LocationOf(key);

        public Task<bool> EnsureExistsAsync(CancellationToken cancellationToken) => _inner.EnsureExistsAsync(cancellationToken);

        public async IAsyncEnumerable<BucketObject> ListAsync(string prefix, bool recursive, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var k in _extra) yield return new BucketObject(k, 1, null);
            await foreach (var o in _inner.ListAsync(prefix, recursive, cancellationToken)) yield return o;
        }

        public Task<BucketObject?> StatAsync(string key, CancellationToken cancellationToken) => _inner.StatAsync(key, cancellationToken);

        public Task<byte[]> ReadAllBytesAsync(string key, long maxBytes, CancellationToken cancellationToken) => _inner.ReadAllBytesAsync(key, maxBytes, cancellationToken);

        public Task UploadFileAsync(string key, string localPath, long length, CancellationToken cancellationToken) => _inner.UploadFileAsync(key, localPath, length, cancellationToken);

        public Task UploadBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => _inner.UploadBytesAsync(key, content, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => _inner.DeleteAsync(key, cancellationToken);

        public void Dispose()
        {
        }
    }
}
