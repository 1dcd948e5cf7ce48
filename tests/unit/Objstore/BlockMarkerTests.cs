using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

public sealed class BlockMarkerTests : IDisposable
{
    private const string Id = "01HK2M7J3QW8D5T1X0ZC9B6N4E";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SetKeepsAnExistingMarkAndRemoveDeletesIt()
    {
        using var bucket = new FileSystemBucket(_dir.Path);
        await bucket.UploadBytesAsync(Id + "/meta.json", "{}"u8.ToArray(), default);
        var first = BlockMark.Create(BlockMarkKind.Deletion, Id, DateTimeOffset.FromUnixTimeSeconds(1000), "old");
        var (mark, written) = await BlockMarker.SetAsync(bucket, first, default);
        Assert.True(written);
        Assert.Equal(first.ToJson(), File.ReadAllText(_dir.Combine(Id, "deletion-mark.json")));

        var (kept, again) = await BlockMarker.SetAsync(bucket, BlockMark.Create(BlockMarkKind.Deletion, Id, DateTimeOffset.FromUnixTimeSeconds(2000)), default);
        Assert.False(again);
        Assert.Equal(first, kept);

        Assert.True(await BlockMarker.RemoveAsync(bucket, Id, BlockMarkKind.Deletion, default));
        Assert.False(File.Exists(_dir.Combine(Id, "deletion-mark.json")));
        Assert.False(await BlockMarker.RemoveAsync(bucket, Id, BlockMarkKind.Deletion, default));
        Assert.True(File.Exists(_dir.Combine(Id, "meta.json")));
    }

    [Fact]
    public async Task MarkingABlockThatIsNotInTheBucketIsBlockNotFound()
    {
        using var bucket = new FileSystemBucket(_dir.Path);
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => BlockMarker.SetAsync(bucket, BlockMark.Create(BlockMarkKind.NoCompact, Id, DateTimeOffset.UtcNow), default));
        Assert.Equal("BlockNotFound", e.ErrorId);
        Assert.Contains(Id, e.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_dir.Path));
    }
}
