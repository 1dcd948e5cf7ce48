using System.Management.Automation;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Cmdlets;

/// <summary>
/// What an interrupted Publish-ThanosBlock leaves in a FILESYSTEM bucket (issue 11 item 9): a stopped
/// write removes its temporary file, and temporary files never show up as objects or block data.
/// </summary>
public sealed class PublishTemporaryFilesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Data => _dir.Combine("data");

    private string BucketDir => _dir.Combine("bucket");

    private string TempDir => Path.Combine(BucketDir, ".thanoslab-tmp");

    private PowerShell Session(out string[] ids) => GeneratedDataSession.Create(_dir, out ids, "bucket");

    // The temporary directory comes and goes with the writes, so it may vanish while it is listed.
    private static List<string> FilesUnder(string dir)
    {
        try
        {
            return Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToList();
        }
        catch (DirectoryNotFoundException)
        {
            return new List<string>();
        }
    }

    [Fact]
    public void StoppingDuringAWriteRemovesItsTemporaryFile()
    {
        using var ps = Session(out var ids);
        // A second segment of 256 MiB (sparse locally) keeps one object's copy long enough to stop it midway.
        var big = Path.Combine(Data, ids[0], "chunks", "000002");
        using (var f = File.Create(big)) f.SetLength(256L << 20);

        ps.AddScript("Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' } -ThrottleLimit 1");
        var run = ps.BeginInvoke();
        // Stopped once the big segment's copy is under way (no other object of these blocks reaches 1 MiB).
        Assert.True(SpinWait.SpinUntil(() => FilesUnder(TempDir).Any(f => new FileInfo(f) is { Exists: true } i && i.Length > 1 << 20), TimeSpan.FromMinutes(1)),
            "the big segment never reached the temporary directory");
        ps.Stop();
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(run));

        Assert.Empty(FilesUnder(TempDir));
        Assert.False(File.Exists(Path.Combine(BucketDir, ids[0], "chunks", "000002")));
        Assert.False(File.Exists(Path.Combine(BucketDir, ids[0], "meta.json")));
        Assert.DoesNotContain(FilesUnder(BucketDir), f => f.Contains("thanoslab-tmp", StringComparison.Ordinal));

        ps.Commands.Clear();
        ps.AddScript("$null = Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' }; Test-ThanosBucketUpload -Path $data -Bucket $bucket -Quiet");
        Assert.Equal(new object[] { true }, ps.Invoke().Select(o => o.BaseObject));
        // At rest the bucket holds its objects and nothing else.
        Assert.False(Directory.Exists(TempDir));
    }

    [Fact]
    public void TemporaryFilesOfAKilledUploadAreNeverObjectsAndStaleOnesAreRemoved()
    {
        using var ps = Session(out var ids);
        ps.AddScript("$null = Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' }");
        ps.Invoke();
        // What a killed process leaves (a SIGKILL cannot be timed inside one copy, so the files are placed
        // as it would leave them): a temporary file in the temporary directory, and one of an older release
        // beside an object.
        Directory.CreateDirectory(TempDir);
        var stale = Path.Combine(TempDir, "0123456789abcdef0123456789abcdef");
        File.WriteAllBytes(stale, new byte[1000]);
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-2));
        var fresh = Path.Combine(TempDir, "fedcba9876543210fedcba9876543210");
        File.WriteAllBytes(fresh, new byte[1000]);
        var old = Path.Combine(BucketDir, ids[3], "chunks", ".000001.1234abcd.thanoslab-tmp");
        File.WriteAllBytes(old, new byte[1000]);

        using (var bucket = new ThanosLab.Engine.Objstore.FileSystemBucket(BucketDir))
        {
            var keys = bucket.ListAsync("", recursive: true, default).ToBlockingEnumerable().Select(o => o.Key)
                .Concat(bucket.ListAsync("", recursive: false, default).ToBlockingEnumerable().Select(o => o.Key)).ToList();
            Assert.Equal(9 * 3 + 9, keys.Count); // chunks/000001, index, meta.json per block, and the block levels
            Assert.DoesNotContain(keys, k => k.Contains("thanoslab-tmp", StringComparison.Ordinal));
        }
        ps.Commands.Clear();
        ps.AddScript("Get-ThanosBlock -Bucket $bucket");
        var listed = ps.Invoke<ThanosBlock>();
        Assert.Equal(ids.Order(), listed.Select(b => b.Id).Order());
        Assert.Equal(new FileInfo(Path.Combine(BucketDir, ids[3], "chunks", "000001")).Length + new FileInfo(Path.Combine(BucketDir, ids[3], "index")).Length,
            listed.Single(b => b.Id == ids[3]).SizeBytes);
        ps.Commands.Clear();
        ps.AddScript("Test-ThanosBucketUpload -Path $data -Bucket $bucket -Quiet");
        Assert.Equal(new object[] { true }, ps.Invoke().Select(o => o.BaseObject));

        // The next write removes the stale file and leaves the one a running upload may still be writing.
        File.Delete(Path.Combine(BucketDir, ids[5], "meta.json"));
        ps.Commands.Clear();
        ps.AddScript("$null = Publish-ThanosBlock -Path $data -Bucket $bucket -Label @{ cluster = 'eu1' } -Force");
        ps.Invoke();
        Assert.Empty(ps.Streams.Error);
        Assert.True(File.Exists(Path.Combine(BucketDir, ids[5], "meta.json")));
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(fresh));
    }
}
