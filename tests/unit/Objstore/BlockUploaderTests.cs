using System.Text;
using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

/// <summary>The shipper algorithm against a real directory bucket and real generated blocks.</summary>
public sealed class BlockUploaderTests : IDisposable
{
    private static readonly DateTimeOffset UploadTime = new(2024, 1, 1, 3, 0, 0, 500, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    private string Data => _dir.Combine("data");

    private string BucketDir => _dir.Combine("bucket");

    public void Dispose() => _dir.Dispose();

    private CountingBucket OpenBucket()
    {
        Directory.CreateDirectory(BucketDir);
        return new CountingBucket(new FileSystemBucket(BucketDir));
    }

    private static UploadOptions Options(LabelSet? labels = null) => new()
    {
        ExternalLabels = labels ?? TestBlocks.Labels(("cluster", "eu1")),
        Clock = () => UploadTime,
        Parallelism = 3,
    };

    private static async Task<IReadOnlyList<UploadedBlock>> UploadAllAsync(IBucket bucket, string data, UploadOptions options, Action<UploadProgress>? progress = null, CancellationToken ct = default)
    {
        var uploader = new BlockUploader(bucket, options);
        var plan = await uploader.PlanAsync(data, null, ct);
        return await uploader.UploadAsync(plan, plan.ToUpload.ToList(), progress, ct);
    }

    /// <summary>
    /// The meta.json Thanos' shipper uploads for a generated level-1 block, written out as the bytes
    /// Thanos writes (tab indents, its key order, the files list with meta.json last and without a size,
    /// an empty index_stats, upload_time as Go's RFC 3339 with trailing zeros of the fraction cut):
    /// only the block's own facts are filled in.
    /// </summary>
    private static string ExpectedUploadedMeta(GeneratedBlock b)
    {
        var chunks = new FileInfo(Path.Combine(b.Path, "chunks", "000001")).Length;
        var index = new FileInfo(Path.Combine(b.Path, "index")).Length;
        var s = b.Meta.Stats;
        return $$"""
            {
            	"ulid": "{{b.Meta.Id}}",
            	"minTime": {{b.Meta.MinTime}},
            	"maxTime": {{b.Meta.MaxTime}},
            	"stats": {
            		"numSamples": {{s.NumSamples}},
            		"numSeries": {{s.NumSeries}},
            		"numChunks": {{s.NumChunks}}
            	},
            	"compaction": {
            		"level": 1,
            		"sources": [
            			"{{b.Meta.Id}}"
            		]
            	},
            	"version": 1,
            	"thanos": {
            		"labels": {
            			"cluster": "eu1"
            		},
            		"downsample": {
            			"resolution": 0
            		},
            		"source": "bucket.upload",
            		"segment_files": [
            			"000001"
            		],
            		"files": [
            			{
            				"rel_path": "chunks/000001",
            				"size_bytes": {{chunks}}
            			},
            			{
            				"rel_path": "index",
            				"size_bytes": {{index}}
            			},
            			{
            				"rel_path": "meta.json"
            			}
            		],
            		"index_stats": {},
            		"upload_time": "2024-01-01T03:00:00.5Z"
            	}
            }

            """;
    }

    [Fact]
    public async Task UploadsEveryBlockWithChunksThenIndexThenMetaLast()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = OpenBucket();
        var progress = new List<UploadProgress>();
        var uploaded = await UploadAllAsync(bucket, Data, Options(), p => { lock (progress) progress.Add(p); });

        Assert.Equal(blocks.Count, uploaded.Count);
        var uploads = bucket.Calls.Where(c => c.Operation == "Upload").Select(c => c.Key).ToList();
        Assert.Equal(blocks.Count * 3, uploads.Count);
        foreach (var b in blocks)
        {
            var id = b.Meta.Id;
            var chunk = uploads.IndexOf(id + "/chunks/000001");
            var index = uploads.IndexOf(id + "/index");
            var meta = uploads.IndexOf(id + "/meta.json");
            Assert.True(chunk >= 0 && chunk < index && index < meta, $"{id}: chunks {chunk}, index {index}, meta {meta}");

            var inBucket = File.ReadAllText(Path.Combine(BucketDir, id, "meta.json"));
            Assert.Equal(ExpectedUploadedMeta(b), inBucket);
            Assert.Equal(File.ReadAllBytes(Path.Combine(b.Path, "index")), File.ReadAllBytes(Path.Combine(BucketDir, id, "index")));
            Assert.False(File.Exists(Path.Combine(BucketDir, id, "tombstones")));
            // The local block is left as it was.
            Assert.Contains("\"source\": \"blockgen\"", File.ReadAllText(Path.Combine(b.Path, "meta.json")));
        }
        var last = progress.MaxBy(p => p.BytesDone)!;
        Assert.Equal(last.BytesTotal, last.BytesDone);
        Assert.Equal(blocks.Count, progress.Count(p => p.Completed is not null));
        Assert.Equal(uploaded.Sum(u => u.SizeBytes), last.BytesTotal);
    }

    [Fact]
    public async Task ShipperJsonListsTheBlocksByMinTimeExactlyAsFormatsSection11()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = OpenBucket();
        await UploadAllAsync(bucket, Data, Options());
        var expected = "{\n\t\"version\": 1,\n\t\"uploaded\": [\n" + string.Join(",\n", blocks.Select(b => $"\t\t\"{b.Meta.Id}\"")) + "\n\t]\n}\n";
        Assert.Equal(expected, File.ReadAllText(Path.Combine(Data, "thanos.shipper.json")));
        Assert.DoesNotContain(Directory.GetFiles(Data), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARunAfterACompleteUploadUploadsNothingAndAsksTheBucketOnlyForItsBlocks()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = OpenBucket();
        await UploadAllAsync(bucket, Data, Options());
        var shipper = File.ReadAllText(Path.Combine(Data, "thanos.shipper.json"));
        bucket.Calls.Clear();

        // Recorded blocks are not asked for one by one; one listing and their meta.json tell that they are all there.
        var uploader = new BlockUploader(bucket, Options());
        var recorded = await uploader.PlanAsync(Data, null, default);
        Assert.Empty(recorded.RecordedNotInBucket);
        Assert.Empty(recorded.RecordedWithOtherLabels);
        var again = await uploader.UploadAsync(recorded, recorded.ToUpload.ToList(), null, default);
        Assert.Empty(again);
        Assert.Equal(0, bucket.Count("Upload"));
        Assert.Equal(0, bucket.Count("Stat"));
        Assert.Equal(1, bucket.Count("List"));
        Assert.Equal(blocks.Count, bucket.Count("Read"));
        Assert.Equal(shipper, File.ReadAllText(Path.Combine(Data, "thanos.shipper.json")));

        // Without the shipper file, the bucket answers: already there, recorded again, nothing uploaded.
        File.Delete(Path.Combine(Data, "thanos.shipper.json"));
        var plan = await uploader.PlanAsync(Data, null, default);
        Assert.All(plan.Blocks, p => Assert.Equal(UploadDecision.AlreadyInBucket, p.Decision));
        await uploader.UploadAsync(plan, plan.ToUpload.ToList(), null, default);
        Assert.Equal(0, bucket.Count("Upload"));
        Assert.Equal(shipper, File.ReadAllText(Path.Combine(Data, "thanos.shipper.json")));
    }

    [Fact]
    public async Task CancellingDuringTheUploadLeavesNoMetaJsonForAnIncompleteBlockAndARerunCompletesIt()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = OpenBucket();
        using var cts = new CancellationTokenSource();
        var transfers = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => UploadAllAsync(bucket, Data, Options() with { Parallelism = 1 },
            _ => { if (Interlocked.Increment(ref transfers) == 5) cts.Cancel(); }, cts.Token));

        var prefixes = Directory.GetDirectories(BucketDir).Select(Path.GetFileName).ToList();
        Assert.NotEmpty(prefixes);
        var complete = new List<string>();
        foreach (var id in prefixes)
        {
            var local = blocks.Single(b => b.Meta.Id == id).Path;
            if (!File.Exists(Path.Combine(BucketDir, id!, "meta.json"))) continue;
            complete.Add(id!);
            Assert.Equal(new FileInfo(Path.Combine(local, "index")).Length, new FileInfo(Path.Combine(BucketDir, id!, "index")).Length);
            Assert.True(File.Exists(Path.Combine(BucketDir, id!, "chunks", "000001")));
        }
        Assert.True(complete.Count < blocks.Count, "the cancellation came before every block was complete");
        Assert.DoesNotContain(Directory.EnumerateFiles(BucketDir, "*", SearchOption.AllDirectories), f => Path.GetFileName(f).Contains("tmp", StringComparison.Ordinal));
        // The shipper file records exactly the blocks that are complete in the bucket.
        Assert.Equal(complete.OrderBy(x => x), (ShipperState.Read(Data).Uploaded ?? Array.Empty<string>()).OrderBy(x => x));

        var rest = await UploadAllAsync(bucket, Data, Options());
        Assert.Equal(blocks.Count - complete.Count, rest.Count);
        var report = await new BucketUploadVerifier(bucket, TestBlocks.Labels(("cluster", "eu1")), false).VerifyAsync(new[] { (Data, (IReadOnlySet<string>?)null) }, default);
        Assert.True(report.Passed, string.Join("; ", report.Blocks.SelectMany(b => b.Details)));
        Assert.Equal(blocks.Select(b => b.Meta.Id), ShipperState.Read(Data).Uploaded);
    }

    [Fact]
    public async Task CompactedBlocksAreSkippedUnlessUploadCompactedAndEmptyBlocksAlways()
    {
        var blocks = TestBlocks.Generate(Data);
        TestBlocks.RewriteMeta(blocks[0].Path, m => m with { Compaction = m.Compaction with { Level = 2 } });
        TestBlocks.RewriteMeta(blocks[1].Path, m => m with { Stats = new BlockStats(0, 0, 0) });
        using var bucket = OpenBucket();
        var uploader = new BlockUploader(bucket, Options());
        var plan = await uploader.PlanAsync(Data, null, default);
        Assert.Equal(UploadDecision.Compacted, plan.Blocks.Single(p => p.Id == blocks[0].Meta.Id).Decision);
        Assert.Equal(UploadDecision.Empty, plan.Blocks.Single(p => p.Id == blocks[1].Meta.Id).Decision);
        var uploaded = await uploader.UploadAsync(plan, plan.ToUpload.ToList(), null, default);
        Assert.Equal(blocks.Count - 2, uploaded.Count);
        Assert.False(Directory.Exists(Path.Combine(BucketDir, blocks[0].Meta.Id)));
        Assert.DoesNotContain(blocks[0].Meta.Id, ShipperState.Read(Data).Uploaded!);

        var compacted = await UploadAllAsync(bucket, Data, Options() with { UploadCompacted = true });
        Assert.Equal(blocks[0].Meta.Id, Assert.Single(compacted).Meta.Id);
        Assert.Equal(2, compacted[0].Meta.Compaction.Level);
        Assert.False(Directory.Exists(Path.Combine(BucketDir, blocks[1].Meta.Id)));
    }

    [Fact]
    public async Task ACompactedBlockOverlappingABucketBlockWithTheSameLabelsIsRefused()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = OpenBucket();
        await UploadAllAsync(bucket, Data, Options());
        // A level-2 block over the first two blocks' time range, as a local compaction would make it.
        var other = _dir.Combine("other");
        var copy = TestBlocks.Generate(other).First();
        var id = Ulid.NewUlid().ToString();
        Directory.Move(copy.Path, Path.Combine(other, id));
        TestBlocks.RewriteMeta(Path.Combine(other, id), m => m with { Ulid = Ulid.Parse(id), Compaction = m.Compaction with { Level = 2 }, MaxTime = blocks[1].Meta.MaxTime });
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => new BlockUploader(bucket, Options() with { UploadCompacted = true }).PlanAsync(other, null, default));
        Assert.Equal("CompactedBlockOverlaps", e.ErrorId);
        Assert.Contains(id, e.Message);
        Assert.True(e.Message.Contains(blocks[0].Meta.Id) || e.Message.Contains(blocks[1].Meta.Id), e.Message);
        Assert.Contains("cluster=\"eu1\"", e.Message);
    }

    [Fact]
    public async Task BlocksWithoutAnyExternalLabelsAreRefusedBeforeAnythingIsUploaded()
    {
        var blocks = TestBlocks.Generate(Data, LabelSet.Empty);
        using var bucket = OpenBucket();
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => new BlockUploader(bucket, Options(LabelSet.Empty)).PlanAsync(Data, null, default));
        Assert.Equal("ExternalLabelsRequired", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
        Assert.Contains(blocks[0].Meta.Id, e.Message);
        Assert.Contains("cluster=\"eu1\"", e.Message);
        Assert.Contains("-Label", e.RecommendedAction);
        Assert.Equal(0, bucket.Count("Upload"));
        Assert.False(File.Exists(Path.Combine(Data, "thanos.shipper.json")));
    }

    [Fact]
    public async Task AMissingBucketIsBucketNotFound()
    {
        TestBlocks.Generate(Data);
        using var bucket = new FileSystemBucket(_dir.Combine("no-such-bucket"));
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => UploadAllAsync(bucket, Data, Options()));
        Assert.Equal("BucketNotFound", e.ErrorId);
        Assert.Contains("New-ThanosBucket", e.RecommendedAction);
    }

    [Fact]
    public async Task NonBlockFoldersArePassedOverAndUnreadableBlocksReported()
    {
        var blocks = TestBlocks.Generate(Data);
        Directory.CreateDirectory(Path.Combine(Data, "wal"));
        Directory.CreateDirectory(Path.Combine(Data, blocks[0].Meta.Id + ".tmp-for-creation"));
        Directory.CreateDirectory(Path.Combine(Data, "lost+found"));
        File.WriteAllText(Path.Combine(Data, "queries.active"), "");
        var broken = Path.Combine(Data, "01HK2M7J3QW8D5T1X0ZC9B6N4E");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "meta.json"), "{ not json");
        using var bucket = OpenBucket();
        var plan = await new BlockUploader(bucket, Options()).PlanAsync(Data, null, default);
        Assert.Equal(blocks.Select(b => b.Meta.Id), plan.Blocks.Select(p => p.Id));
        var problem = Assert.Single(plan.Problems);
        Assert.Equal("01HK2M7J3QW8D5T1X0ZC9B6N4E", problem.Id);
        Assert.Equal("InvalidBlockMeta", problem.Error.ErrorId);
    }

    [Fact]
    public async Task OnlyTheBlocksAskedForAreUploadedAndEarlierRecordsAreKept()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = OpenBucket();
        var uploader = new BlockUploader(bucket, Options());
        var first = new HashSet<string> { blocks[2].Meta.Id };
        var plan = await uploader.PlanAsync(Data, first, default);
        await uploader.UploadAsync(plan, plan.ToUpload.ToList(), null, default);
        Assert.Equal(new[] { blocks[2].Meta.Id }, ShipperState.Read(Data).Uploaded);

        plan = await uploader.PlanAsync(Data, new HashSet<string> { blocks[0].Meta.Id }, default);
        await uploader.UploadAsync(plan, plan.ToUpload.ToList(), null, default);
        Assert.Equal(new[] { blocks[0].Meta.Id, blocks[2].Meta.Id }, ShipperState.Read(Data).Uploaded);
        Assert.Equal(2, Directory.GetDirectories(BucketDir).Length);
    }

    [Fact]
    public async Task Sha256HashesAreRecordedForEveryDataFile()
    {
        var blocks = TestBlocks.Generate(Data);
        using var bucket = OpenBucket();
        var uploaded = await UploadAllAsync(bucket, Data, Options() with { Hash = HashFunction.SHA256 });
        var meta = uploaded.Single(u => u.Meta.Id == blocks[0].Meta.Id).Meta;
        var index = meta.Thanos!.Files.Single(f => f.RelPath == "index");
        Assert.Equal("SHA256", index.HashFunc);
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(blocks[0].Path, "index")))).ToLowerInvariant(), index.HashValue);
        Assert.Null(meta.Thanos.Files.Single(f => f.RelPath == "meta.json").HashFunc);
        Assert.Contains("\"hashFunc\": \"SHA256\"", Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(BucketDir, blocks[0].Meta.Id, "meta.json"))));
    }
}
