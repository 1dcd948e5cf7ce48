using System.Text;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using Xunit;

namespace ThanosLab.Tests.Objstore;

/// <summary>
/// What every IBucket must do alike (objstore semantics, formats.md §14), run against each
/// implementation on a real backend: a directory, and radosgw.
/// </summary>
public abstract class BucketBehaviourTests
{
    /// <summary>A fresh, existing, empty bucket for one test; disposed by the caller.</summary>
    protected abstract IBucket CreateBucket();

    private static readonly CancellationToken None = CancellationToken.None;

    protected static async Task<List<BucketObject>> ListAsync(IBucket bucket, string prefix, bool recursive)
    {
        var result = new List<BucketObject>();
        await foreach (var o in bucket.ListAsync(prefix, recursive, None)) result.Add(o);
        return result;
    }

    [SkippableFact]
    public async Task PutGetStatDeleteRoundTrip()
    {
        using var bucket = CreateBucket();
        await bucket.UploadBytesAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV/meta.json", Encoding.UTF8.GetBytes("{\"version\":1}"), None);
        var stat = await bucket.StatAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV/meta.json", None);
        Assert.NotNull(stat);
        Assert.Equal(13, stat!.Size);
        Assert.Equal("01ARZ3NDEKTSV4RRFFQ69G5FAV/meta.json", stat.Key);
        Assert.NotNull(stat.LastModified);
        Assert.Equal("{\"version\":1}", Encoding.UTF8.GetString(await bucket.ReadAllBytesAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV/meta.json", 1024, None)));

        await bucket.DeleteAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV/meta.json", None);
        Assert.Null(await bucket.StatAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV/meta.json", None));
        Assert.Empty(await ListAsync(bucket, "", recursive: true));
        // Deleting what is not there is not an error (objstore's Delete of a missing key is tolerated by callers).
        await bucket.DeleteAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV/meta.json", None);
    }

    [SkippableFact]
    public async Task OverwriteReplacesTheObject()
    {
        using var bucket = CreateBucket();
        await bucket.UploadBytesAsync("a/b", new byte[100], None);
        await bucket.UploadBytesAsync("a/b", new byte[] { 1, 2, 3 }, None);
        Assert.Equal(new byte[] { 1, 2, 3 }, await bucket.ReadAllBytesAsync("a/b", 10, None));
    }

    [SkippableFact]
    public async Task ListingIsNotRecursiveByDefaultAndShowsDirectoriesOnce()
    {
        using var bucket = CreateBucket();
        await bucket.UploadBytesAsync("B1/chunks/000001", new byte[5], None);
        await bucket.UploadBytesAsync("B1/chunks/000002", new byte[6], None);
        await bucket.UploadBytesAsync("B1/index", new byte[7], None);
        await bucket.UploadBytesAsync("B1/meta.json", new byte[8], None);
        await bucket.UploadBytesAsync("B2/index", new byte[9], None);
        await bucket.UploadBytesAsync("top", new byte[1], None);

        var root = await ListAsync(bucket, "", recursive: false);
        Assert.Equal(new[] { "B1/", "B2/", "top" }, root.Select(o => o.Key));
        Assert.True(root[0].IsDirectory);
        Assert.Equal(1, root[2].Size);

        var b1 = await ListAsync(bucket, "B1", recursive: false);
        Assert.Equal(new[] { "B1/chunks/", "B1/index", "B1/meta.json" }, b1.Select(o => o.Key));
        Assert.Equal(b1.Select(o => o.Key), (await ListAsync(bucket, "B1/", recursive: false)).Select(o => o.Key));

        var all = await ListAsync(bucket, "", recursive: true);
        Assert.Equal(new[] { "B1/chunks/000001", "B1/chunks/000002", "B1/index", "B1/meta.json", "B2/index", "top" }, all.Select(o => o.Key));
        Assert.Equal(new long[] { 5, 6, 7, 8, 9, 1 }, all.Select(o => o.Size));

        var below = await ListAsync(bucket, "B1/chunks", recursive: true);
        Assert.Equal(new[] { "B1/chunks/000001", "B1/chunks/000002" }, below.Select(o => o.Key));
        Assert.Empty(await ListAsync(bucket, "nothing-here", recursive: false));
    }

    [SkippableFact]
    public async Task UploadFileStoresTheFileContent()
    {
        using var bucket = CreateBucket();
        var local = Path.GetTempFileName();
        try
        {
            var content = new byte[300_000];
            new Random(7).NextBytes(content);
            await File.WriteAllBytesAsync(local, content);
            await bucket.UploadFileAsync("blk/chunks/000001", local, content.Length, None);
            Assert.Equal(content, await bucket.ReadAllBytesAsync("blk/chunks/000001", content.Length, None));
        }
        finally
        {
            File.Delete(local);
        }
    }

    [SkippableFact]
    public async Task MissingLocalFileIsLocalFileNotFound()
    {
        using var bucket = CreateBucket();
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => bucket.UploadFileAsync("x", "/nonexistent/thanoslab/file", 0, None));
        Assert.Equal("LocalFileNotFound", e.ErrorId);
    }

    [SkippableFact]
    public async Task ReadingMoreThanTheLimitIsObjectTooLarge()
    {
        using var bucket = CreateBucket();
        await bucket.UploadBytesAsync("big", new byte[2048], None);
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => bucket.ReadAllBytesAsync("big", 1024, None));
        Assert.Equal("ObjectTooLarge", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
    }

    [SkippableFact]
    public async Task ReadingAMissingObjectIsObjectNotFound()
    {
        using var bucket = CreateBucket();
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => bucket.ReadAllBytesAsync("nope/meta.json", 1024, None));
        Assert.Equal("ObjectNotFound", e.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, e.Kind);
    }

    [SkippableTheory]
    [InlineData("../escape")]
    [InlineData("a/../../escape")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b")]
    [InlineData("a//b")]
    [InlineData("./a")]
    [InlineData("a/")]
    [InlineData("")]
    public async Task UnsafeKeysAreRejectedBeforeAnyAccess(string key)
    {
        using var bucket = CreateBucket();
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => bucket.UploadBytesAsync(key, new byte[1], None));
        Assert.Equal("InvalidObjectKey", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        e = await Assert.ThrowsAsync<ThanosLabException>(() => bucket.StatAsync(key, None));
        Assert.Equal("InvalidObjectKey", e.ErrorId);
        e = await Assert.ThrowsAsync<ThanosLabException>(() => bucket.DeleteAsync(key, None));
        Assert.Equal("InvalidObjectKey", e.ErrorId);
    }

    [SkippableFact]
    public async Task UnsafeListingPrefixIsRejected()
    {
        using var bucket = CreateBucket();
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => ListAsync(bucket, "../", recursive: false));
        Assert.Equal("InvalidObjectKey", e.ErrorId);
    }

    [SkippableFact]
    public async Task EnsureExistsOnAnExistingBucketReturnsFalse()
    {
        using var bucket = CreateBucket();
        Assert.False(await bucket.EnsureExistsAsync(None));
    }

    [SkippableFact]
    public async Task CancelledUploadLeavesNoObject()
    {
        using var bucket = CreateBucket();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => bucket.UploadBytesAsync("c/meta.json", new byte[10], cts.Token));
        Assert.Null(await bucket.StatAsync("c/meta.json", None));
        Assert.Empty(await ListAsync(bucket, "", recursive: true));
    }
}
