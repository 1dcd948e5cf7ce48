using System.Text;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

/// <summary>Each status provoked for real: objects deleted, truncated or rewritten in a directory bucket.</summary>
public sealed class BucketUploadVerifierTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private IReadOnlyList<Engine.Generation.GeneratedBlock> _blocks = Array.Empty<Engine.Generation.GeneratedBlock>();

    public void Dispose() => _dir.Dispose();

    private string Data => _dir.Combine("data");

    private string BucketDir => _dir.Combine("bucket");

    private string Id(int i) => _blocks[i].Meta.Id;

    private async Task<CountingBucket> UploadedAsync(HashFunction hash = HashFunction.None)
    {
        _blocks = TestBlocks.Generate(Data);
        Directory.CreateDirectory(BucketDir);
        var bucket = new CountingBucket(new FileSystemBucket(BucketDir));
        var uploader = new BlockUploader(bucket, new UploadOptions { ExternalLabels = TestBlocks.Labels(("cluster", "eu1"), ("replica", "0")), Hash = hash });
        var plan = await uploader.PlanAsync(Data, null, default);
        await uploader.UploadAsync(plan, plan.ToUpload.ToList(), null, default);
        bucket.Calls.Clear();
        return bucket;
    }

    private Task<BucketUploadReport> VerifyAsync(IBucket bucket, LabelSet? labels = null, bool compacted = false) =>
        new BucketUploadVerifier(bucket, labels ?? LabelSet.Empty, compacted).VerifyAsync(new[] { (Data, (IReadOnlySet<string>?)null) }, default);

    private static BlockUploadCheck Check(BucketUploadReport report, string id) => report.Blocks.Single(b => b.Id == id);

    [Fact]
    public async Task ACompleteUploadPassesFromOneListingNotARequestPerFile()
    {
        using var bucket = await UploadedAsync();
        var report = await VerifyAsync(bucket, TestBlocks.Labels(("cluster", "eu1")));
        Assert.True(report.Passed, string.Join("; ", report.Blocks.SelectMany(b => b.Details)));
        Assert.Equal(_blocks.Count, report.Blocks.Count);
        Assert.All(report.Blocks, b =>
        {
            Assert.Equal(BlockUploadStatus.Uploaded, b.Status);
            Assert.True(b.InShipperState);
        });
        // One listing, one meta.json read per block; 9 blocks have 27 objects.
        Assert.Equal(1, bucket.Count("List"));
        Assert.Equal(_blocks.Count, bucket.Count("Read"));
        Assert.Equal(_blocks.Count + 1, bucket.Calls.Count);
    }

    [Fact]
    public async Task EachDamageGivesItsStatusNamingTheFile()
    {
        using var bucket = await UploadedAsync();
        Directory.Delete(Path.Combine(BucketDir, Id(0)), recursive: true);
        File.Delete(Path.Combine(BucketDir, Id(1), "meta.json"));
        File.Delete(Path.Combine(BucketDir, Id(2), "chunks", "000001"));
        using (var f = new FileStream(Path.Combine(BucketDir, Id(3), "index"), FileMode.Open)) f.SetLength(f.Length - 1);
        File.WriteAllText(Path.Combine(BucketDir, Id(4), "meta.json"), "{\"version\": 1, \"ulid\": ");
        var meta5 = Path.Combine(BucketDir, Id(5), "meta.json");
        File.WriteAllText(meta5, File.ReadAllText(meta5).Replace("\"cluster\": \"eu1\"", "\"cluster\": \"us1\""));

        var report = await VerifyAsync(bucket, TestBlocks.Labels(("cluster", "eu1")));
        Assert.False(report.Passed);
        Assert.Equal(BlockUploadStatus.Missing, Check(report, Id(0)).Status);
        Assert.Equal(BlockUploadStatus.Partial, Check(report, Id(1)).Status);
        Assert.Equal(BlockUploadStatus.FileMissing, Check(report, Id(2)).Status);
        Assert.Contains("chunks/000001 is not in the bucket", Check(report, Id(2)).Details);
        Assert.Equal(BlockUploadStatus.SizeMismatch, Check(report, Id(3)).Status);
        Assert.Contains(Check(report, Id(3)).Details, d => d.StartsWith("index has ", StringComparison.Ordinal));
        Assert.Equal(BlockUploadStatus.CorruptMeta, Check(report, Id(4)).Status);
        Assert.Equal(BlockUploadStatus.LabelMismatch, Check(report, Id(5)).Status);
        Assert.Contains("external label cluster is \"us1\" in the uploaded meta.json, expected \"eu1\"", Check(report, Id(5)).Details);
        Assert.Equal(BlockUploadStatus.Uploaded, Check(report, Id(6)).Status);
        // The shipper file still lists the damaged blocks: said, since a sidecar would not re-upload them.
        Assert.Contains(Check(report, Id(0)).Details, d => d.Contains("thanos.shipper.json", StringComparison.Ordinal));
        // Still one listing for all of it.
        Assert.Equal(1, bucket.Count("List"));
    }

    [Fact]
    public async Task ARecordedHashThatNoLongerMatchesTheLocalFileIsAHashMismatch()
    {
        using var bucket = await UploadedAsync(HashFunction.SHA256);
        var chunk = Path.Combine(_blocks[0].Path, "chunks", "000001");
        var bytes = File.ReadAllBytes(chunk);
        bytes[^2] ^= 0xFF;
        File.WriteAllBytes(chunk, bytes);
        var report = await VerifyAsync(bucket);
        var check = Check(report, Id(0));
        Assert.Equal(BlockUploadStatus.HashMismatch, check.Status);
        Assert.StartsWith("chunks/000001 is recorded with SHA256 ", check.Details[0]);
        Assert.Contains("thanos.shipper.json", check.Details[1]);
        Assert.Equal(BlockUploadStatus.Uploaded, Check(report, Id(1)).Status);
    }

    [Fact]
    public async Task CompactedAndEmptyBlocksAreNotEligibleUnlessInTheBucket()
    {
        using var bucket = await UploadedAsync();
        Directory.Delete(Path.Combine(BucketDir, Id(0)), recursive: true);
        Directory.Delete(Path.Combine(BucketDir, Id(1)), recursive: true);
        TestBlocks.RewriteMeta(_blocks[0].Path, m => m with { Compaction = m.Compaction with { Level = 3 } });
        TestBlocks.RewriteMeta(_blocks[1].Path, m => m with { Stats = new BlockStats(0, 0, 0) });
        TestBlocks.RewriteMeta(_blocks[2].Path, m => m with { Compaction = m.Compaction with { Level = 2 } });
        var report = await VerifyAsync(bucket);
        Assert.True(report.Passed);
        Assert.Equal(BlockUploadStatus.NotEligible, Check(report, Id(0)).Status);
        Assert.Contains("compaction level 3", Check(report, Id(0)).Details[0]);
        Assert.Equal(BlockUploadStatus.NotEligible, Check(report, Id(1)).Status);
        Assert.Equal(BlockUploadStatus.Uploaded, Check(report, Id(2)).Status);

        var compacted = await VerifyAsync(bucket, compacted: true);
        Assert.False(compacted.Passed);
        Assert.Equal(BlockUploadStatus.Missing, Check(compacted, Id(0)).Status);
    }

    [Fact]
    public async Task MissingExpectedLabelIsNamed()
    {
        using var bucket = await UploadedAsync();
        var report = await VerifyAsync(bucket, TestBlocks.Labels(("tenant", "team-a")));
        Assert.All(report.Blocks, b => Assert.Equal(BlockUploadStatus.LabelMismatch, b.Status));
        Assert.StartsWith("external label tenant=\"team-a\" is missing", report.Blocks[0].Details[0]);
    }

    [Fact]
    public async Task WaitingEndsWithTheUploadOrAtTheTimeout()
    {
        _blocks = TestBlocks.Generate(Data);
        Directory.CreateDirectory(BucketDir);
        using var bucket = new FileSystemBucket(BucketDir);
        var verifier = new BucketUploadVerifier(bucket, LabelSet.Empty, false);
        var sources = new[] { (Data, (IReadOnlySet<string>?)null) };
        var timedOut = await verifier.WaitAsync(sources, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(100), null, default);
        Assert.True(timedOut.TimedOut);
        Assert.False(timedOut.Passed);

        var attempts = 0;
        var waiting = verifier.WaitAsync(sources, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), _ => Interlocked.Increment(ref attempts), default);
        await Task.Delay(250);
        var uploader = new BlockUploader(bucket, new UploadOptions { ExternalLabels = TestBlocks.Labels(("cluster", "eu1")) });
        var plan = await uploader.PlanAsync(Data, null, default);
        await uploader.UploadAsync(plan, plan.ToUpload.ToList(), null, default);
        var report = await waiting;
        Assert.True(report.Passed);
        Assert.False(report.TimedOut);
        Assert.True(attempts >= 1);
    }

    [Fact]
    public async Task UnreadableLocalBlocksFailTheCheck()
    {
        using var bucket = await UploadedAsync();
        var broken = Path.Combine(Data, "01HK2M7J3QW8D5T1X0ZC9B6N4E");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "meta.json"), "{}", Encoding.UTF8);
        var report = await VerifyAsync(bucket);
        Assert.False(report.Passed);
        Assert.Equal("01HK2M7J3QW8D5T1X0ZC9B6N4E", Assert.Single(report.Problems).Id);
    }
}
