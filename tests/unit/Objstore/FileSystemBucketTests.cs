using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

public sealed class FileSystemBucketTests : BucketBehaviourTests, IDisposable
{
    private readonly TempDirectory _dir = new("thanoslab-fsbucket-");

    protected override IBucket CreateBucket() => new FileSystemBucket(_dir.Path);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task KeysAreFilesUnderTheDirectoryAndPrefix()
    {
        using var bucket = new FileSystemBucket(_dir.Path, "/tenant/a/");
        await bucket.UploadBytesAsync("01ARZ3NDEKTSV4RRFFQ69G5FAV/index", new byte[3], CancellationToken.None);
        var file = _dir.Combine("tenant", "a", "01ARZ3NDEKTSV4RRFFQ69G5FAV", "index");
        Assert.True(File.Exists(file));
        Assert.Equal(file, bucket.LocationOf("01ARZ3NDEKTSV4RRFFQ69G5FAV/index"));
        Assert.Equal(_dir.Combine("tenant", "a"), bucket.Location);
        var listed = await ListAsync(bucket, "", recursive: true);
        Assert.Equal("01ARZ3NDEKTSV4RRFFQ69G5FAV/index", Assert.Single(listed).Key);
    }

    // Writers create the temporary directory and remove it when it empties; many at once must not trip
    // over each other (the race that .NET reports as "the file already exists").
    [Fact]
    public async Task ManyWritesAtOnceShareTheTemporaryDirectory()
    {
        using var bucket = CreateBucket();
        await Parallel.ForEachAsync(Enumerable.Range(0, 3000), new ParallelOptions { MaxDegreeOfParallelism = 64 },
            async (i, ct) => await bucket.UploadBytesAsync($"blk{i % 10}/o{i}", new byte[1], ct));
        Assert.Equal(3000, (await ListAsync(bucket, "", recursive: true)).Count);
        Assert.False(Directory.Exists(_dir.Combine(".thanoslab-tmp")));
    }

    [Fact]
    public async Task EmptyDirectoriesAndTemporaryFilesAreNotListed()
    {
        using var bucket = CreateBucket();
        Directory.CreateDirectory(_dir.Combine("empty", "deeper"));
        Directory.CreateDirectory(_dir.Combine("partial"));
        // What a crashed upload leaves behind: never an object.
        await File.WriteAllBytesAsync(_dir.Combine("partial", ".meta.json.1234abcd.thanoslab-tmp"), new byte[4]);
        await bucket.UploadBytesAsync("real/index", new byte[1], CancellationToken.None);
        Assert.Equal(new[] { "real/" }, (await ListAsync(bucket, "", recursive: false)).Select(o => o.Key));
        Assert.Equal(new[] { "real/index" }, (await ListAsync(bucket, "", recursive: true)).Select(o => o.Key));
    }

    [Fact]
    public async Task DeletingTheLastObjectRemovesItsEmptyDirectories()
    {
        using var bucket = CreateBucket();
        await bucket.UploadBytesAsync("blk/chunks/000001", new byte[1], CancellationToken.None);
        await bucket.DeleteAsync("blk/chunks/000001", CancellationToken.None);
        Assert.False(Directory.Exists(_dir.Combine("blk")));
        Assert.True(Directory.Exists(_dir.Path));
    }

    [Fact]
    public async Task SymbolicKeysNeverLeaveTheDirectory()
    {
        var outside = _dir.Combine("outside.txt");
        await File.WriteAllTextAsync(outside, "secret");
        using var bucket = new FileSystemBucket(_dir.Path, "inner");
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => bucket.ReadAllBytesAsync("../outside.txt", 100, CancellationToken.None));
        Assert.Equal("InvalidObjectKey", e.ErrorId);
        Assert.Contains("'..'", e.Message);
    }

    [Fact]
    public async Task MissingBucketDirectoryIsBucketNotFoundWithAHint()
    {
        var missing = _dir.Combine("no-such-bucket");
        using var bucket = new FileSystemBucket(missing);
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => bucket.UploadBytesAsync("a", new byte[1], CancellationToken.None));
        Assert.Equal("BucketNotFound", e.ErrorId);
        Assert.Contains(missing, e.Message);
        Assert.Contains("New-ThanosBucket", e.RecommendedAction);
        await Assert.ThrowsAsync<ThanosLabException>(() => ListAsync(bucket, "", recursive: false));

        Assert.True(await bucket.EnsureExistsAsync(CancellationToken.None));
        Assert.True(Directory.Exists(missing));
        Assert.False(await bucket.EnsureExistsAsync(CancellationToken.None));
        await bucket.UploadBytesAsync("a", new byte[1], CancellationToken.None);
    }

    [Fact]
    public void RelativeOrRootDirectoryIsRejected()
    {
        Assert.Equal("RelativeBucketDirectory", Assert.Throws<ThanosLabException>(() => new FileSystemBucket("rel/dir")).ErrorId);
        Assert.Equal("RootBucketDirectory", Assert.Throws<ThanosLabException>(() => new FileSystemBucket("/")).ErrorId);
    }

    [Theory]
    [InlineData("a/../b")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    public void UnsafePrefixIsRejectedNamingIt(string prefix)
    {
        var e = Assert.Throws<ThanosLabException>(() => new FileSystemBucketConfig(_dir.Path, prefix));
        Assert.Equal("InvalidBucketPrefix", e.ErrorId);
        Assert.Contains(prefix, e.Message);
    }

    [Fact]
    public void ConfigYamlIsThanosFileSystemObjstoreYaml()
    {
        var config = new FileSystemBucketConfig(_dir.Path, "/p/q/");
        Assert.Equal($"type: FILESYSTEM\nconfig:\n  directory: {_dir.Path}\nprefix: \"p/q\"\n", config.ToYaml());
        Assert.Equal("FILESYSTEM", config.Type);
        Assert.Equal(_dir.Path + "/p/q", config.Location);
        Assert.False(config.ContainsSecret);
        using var bucket = config.Open();
        Assert.Equal(_dir.Combine("p", "q"), bucket.Location);
    }

    [Fact]
    public void ConfigMakesARelativeDirectoryAbsoluteAndQuotesOddPaths()
    {
        var config = new FileSystemBucketConfig("/tmp/has: colon/true");
        Assert.Equal("/tmp/has: colon/true", config.Directory);
        Assert.Contains("directory: \"/tmp/has: colon/true\"\n", config.ToYaml());
        Assert.True(Path.IsPathFullyQualified(new FileSystemBucketConfig("relative/dir").Directory));
    }
}
