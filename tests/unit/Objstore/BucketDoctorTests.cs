using System.Text;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

/// <summary>The bucket doctor on a FILESYSTEM bucket with real generated blocks and the faults of <see cref="FaultyBucket"/>.</summary>
public sealed class BucketDoctorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CountingBucket NewBucket()
    {
        Directory.CreateDirectory(_dir.Combine("bucket"));
        return new CountingBucket(new FileSystemBucket(_dir.Combine("bucket")));
    }

    [Fact]
    public async Task EveryOverlapInAStreamIsFoundNeverAcrossStreamsAndThePartialAndDuplicateAreNamed()
    {
        using var bucket = NewBucket();
        var faults = await FaultyBucket.CreateAsync(bucket, _dir.Combine("data"));
        bucket.Calls.Clear();
        var result = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, false, default);
        AssertFindsEveryFault(faults, result);
        Assert.Equal(1, bucket.Count("List"));
        Assert.Equal(faults.CopyA.Count * 3, bucket.Count("Read")); // every meta.json but the partial's, plus the duplicate's
        Assert.Equal(1 + faults.CopyA.Count * 3, bucket.Calls.Count);
    }

    /// <summary>What the faulty bucket must show, on any bucket implementation.</summary>
    internal static void AssertFindsEveryFault(FaultyBucket faults, BucketExamination result)
    {
        Assert.Equal(faults.CopyA.Count * 3 + 1, result.BlocksChecked);
        Assert.False(result.Passed);
        var overlaps = result.Findings.Where(f => f.Kind == BucketFindingKind.Overlap).ToArray();
        Assert.Equal(faults.CopyA.Count, overlaps.Length);
        for (var i = 0; i < faults.CopyA.Count; i++)
        {
            var finding = Assert.Single(overlaps, f => f.Blocks.Contains(faults.CopyA[i]));
            Assert.Equal(new[] { faults.CopyA[i], faults.CopyB[i] }.Order(StringComparer.Ordinal), finding.Blocks.Order(StringComparer.Ordinal));
            Assert.Equal(finding.Blocks, finding.Targets);
            Assert.Equal(BlockMarkKind.NoCompact, finding.RecommendedMark);
            Assert.Equal("raw@{cluster=\"one\"}", finding.Stream!.ToString());
            Assert.Contains("pre compaction overlap check", finding.Message);
        }
        Assert.DoesNotContain(overlaps, f => f.Blocks.Any(faults.OtherStream.Contains) || f.Blocks.Contains(faults.Duplicate));

        var duplicate = Assert.Single(result.Findings, f => f.Kind == BucketFindingKind.DuplicateCompaction);
        Assert.Equal(new[] { faults.Duplicate, faults.DuplicateOf }, duplicate.Blocks);
        Assert.Equal(new[] { faults.Duplicate }, duplicate.Targets);
        Assert.Equal(BlockMarkKind.Deletion, duplicate.RecommendedMark);

        var partial = Assert.Single(result.Findings, f => f.Kind == BucketFindingKind.PartialUpload);
        Assert.Equal(new[] { faults.Partial }, partial.Blocks);
        Assert.Contains("no meta.json", partial.Message);
        Assert.Contains("newest object was written", partial.Message);
        Assert.Contains("deletes it from", partial.Message);

        Assert.DoesNotContain(result.Findings, f => f.Kind is BucketFindingKind.UnreadableMeta or BucketFindingKind.DeletionPending);
        // continuous-30d-tiny has four 176 h blocks per copy; no copy was downsampled.
        var missing = result.Findings.Where(f => f.Kind == BucketFindingKind.MissingDownsample).ToArray();
        Assert.Equal(12, missing.Length);
    }

    [Fact]
    public async Task OneUnreadableMetaAmongManyIsAFindingAndTheOtherBlocksAreStillChecked()
    {
        using var bucket = NewBucket();
        var faults = await FaultyBucket.CreateAsync(bucket, _dir.Combine("data"));
        var bad = faults.CopyB[3];
        await bucket.UploadBytesAsync(bad + "/meta.json", Encoding.UTF8.GetBytes("{\"ulid\": \"" + bad + "\", \"minTime\": \"soon\""), default);

        var result = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, false, default);

        var unreadable = Assert.Single(result.Findings, f => f.Kind == BucketFindingKind.UnreadableMeta);
        Assert.Equal(new[] { bad }, unreadable.Blocks);
        Assert.Contains(bad, unreadable.Message);
        var overlaps = result.Findings.Where(f => f.Kind == BucketFindingKind.Overlap).ToArray();
        Assert.Equal(faults.CopyA.Count - 1, overlaps.Length);
        Assert.DoesNotContain(overlaps, f => f.Blocks.Contains(faults.CopyA[3]));
        Assert.Single(result.Findings, f => f.Kind == BucketFindingKind.DuplicateCompaction);
        Assert.Single(result.Findings, f => f.Kind == BucketFindingKind.PartialUpload);
    }

    [Fact]
    public async Task DeletionMarkedBlocksLeaveTheOverlapCheckOnlyOnceTheCompactorStopsSeeingThem()
    {
        using var bucket = NewBucket();
        var faults = await FaultyBucket.CreateAsync(bucket, _dir.Combine("data"));
        var marked = DateTimeOffset.UtcNow;
        foreach (var id in faults.CopyB)
        {
            await BlockMarker.SetAsync(bucket, BlockMark.Create(BlockMarkKind.Deletion, id, marked, "second upload"), default);
        }

        // A fresh mark: the compactor still fetches the blocks (until half the delete delay), so it still halts.
        var fresh = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, marked.AddHours(1), 4, false, default);
        Assert.Equal(faults.CopyA.Count, fresh.Findings.Count(f => f.Kind == BucketFindingKind.Overlap));
        var pending = fresh.Findings.Where(f => f.Kind == BucketFindingKind.DeletionPending).ToArray();
        Assert.Equal(faults.CopyB.Order(StringComparer.Ordinal), pending.SelectMany(f => f.Blocks).Order(StringComparer.Ordinal));
        Assert.All(pending, f =>
        {
            Assert.Contains("second upload", f.Message);
            Assert.Contains($"deletes it from {DateTimeOffset.FromUnixTimeSeconds(marked.ToUnixTimeSeconds()).AddHours(48):u}", f.Message);
            Assert.Contains("still sees it", f.Message);
        });

        // After half the delay the compactor no longer sees them: no overlap is left.
        var later = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, marked.AddHours(25), 4, false, default);
        Assert.DoesNotContain(later.Findings, f => f.Kind == BucketFindingKind.Overlap);
        Assert.All(later.Findings.Where(f => f.Kind == BucketFindingKind.DeletionPending), f => Assert.Contains("no longer compacts it", f.Message));

        var due = await BucketDoctor.ExamineAsync(bucket, TimeSpan.FromHours(2), marked.AddHours(3), 4, false, default);
        Assert.All(due.Findings.Where(f => f.Kind == BucketFindingKind.DeletionPending), f => Assert.Contains("has passed", f.Message));
    }

    [Fact]
    public async Task ADownsampledCopyOrANoDownsampleMarkEndsAMissingDownsampleFinding()
    {
        using var bucket = NewBucket();
        var faults = await FaultyBucket.CreateAsync(bucket, _dir.Combine("data"));
        var before = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, false, default);
        var missing = before.Findings.Where(f => f.Kind == BucketFindingKind.MissingDownsample).Select(f => f.Blocks.Single()).ToArray();
        Assert.All(missing, id => Assert.True(faults.CopyA.Contains(id) || faults.CopyB.Contains(id) || faults.OtherStream.Contains(id)));
        var downsampled = missing.First(faults.CopyA.Contains);
        var skipped = missing.First(faults.CopyB.Contains);

        // A 5m block with the raw block's sources, as the compactor's downsampler writes it (compaction copied).
        var meta = Engine.Tsdb.Meta.BlockMetaJson.Parse(await bucket.ReadAllBytesAsync(downsampled + "/meta.json", 1 << 20, default), downsampled);
        var fiveMinute = meta with { Ulid = Ulid.NewUlid(), Thanos = meta.Thanos! with { DownsampleResolution = BucketSurvey.FiveMinutes, Source = "compactor" } };
        await bucket.UploadBytesAsync(fiveMinute.Id + "/meta.json", Encoding.UTF8.GetBytes(Engine.Tsdb.Meta.BlockMetaJson.ToThanosJson(fiveMinute)), default);
        await bucket.UploadBytesAsync(skipped + "/" + BlockMark.NoDownsampleFileName, Encoding.UTF8.GetBytes($"{{\"id\":\"{skipped}\",\"version\":1,\"no_downsample_time\":1,\"reason\":\"manual\"}}"), default);

        var after = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, false, default);
        var left = after.Findings.Where(f => f.Kind == BucketFindingKind.MissingDownsample).Select(f => f.Blocks.Single()).ToArray();
        Assert.Equal(missing.Except(new[] { downsampled, skipped }).Order(StringComparer.Ordinal), left.Order(StringComparer.Ordinal));
        Assert.All(after.Findings.Where(f => f.Kind == BucketFindingKind.MissingDownsample), f => Assert.Contains("has not been downsampled to 5m", f.Message));
    }

    [Fact]
    public async Task DeepDownloadsEveryBlockAndNamesACorruptIndexAndLyingStatsLeavingHealthyBlocksAlone()
    {
        using var bucket = NewBucket();
        var data = _dir.Combine("deep");
        var blocks = TestBlocks.GenerateNewest(data, 3);
        await TestBlocks.UploadAsync(bucket, data, "one");
        var (corrupt, lying, healthy) = (blocks[0].Meta.Id, blocks[1].Meta.Id, blocks[2].Meta.Id);

        var index = Path.Combine(_dir.Combine("bucket"), corrupt, "index");
        var bytes = File.ReadAllBytes(index);
        bytes[^10] ^= 0xFF; // inside the TOC: its CRC no longer matches
        File.WriteAllBytes(index, bytes);
        var meta = Engine.Tsdb.Meta.BlockMetaJson.Parse(await bucket.ReadAllBytesAsync(lying + "/meta.json", 1 << 20, default), lying);
        var lie = meta with { Stats = meta.Stats with { NumSamples = meta.Stats.NumSamples + 1 } };
        await bucket.UploadBytesAsync(lying + "/meta.json", Encoding.UTF8.GetBytes(Engine.Tsdb.Meta.BlockMetaJson.ToThanosJson(lie)), default);

        var shallow = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, false, default);
        Assert.True(shallow.Passed);

        bucket.Calls.Clear();
        var deep = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, true, default);
        var indexIssue = Assert.Single(deep.Findings, f => f.Kind == BucketFindingKind.IndexIssue);
        Assert.Equal(new[] { corrupt }, indexIssue.Blocks);
        Assert.Contains("index", indexIssue.Message);
        var mismatch = Assert.Single(deep.Findings, f => f.Kind == BucketFindingKind.MetaMismatch);
        Assert.Equal(new[] { lying }, mismatch.Blocks);
        Assert.Contains($"stats.numSamples is {meta.Stats.NumSamples + 1}", mismatch.Message);
        Assert.Equal(BlockMarkKind.NoCompact, mismatch.RecommendedMark);
        Assert.Equal(2, deep.Findings.Count);
        Assert.DoesNotContain(deep.Findings, f => f.Blocks.Contains(healthy));
        // The catalog's meta.json reads, then each block's meta.json, index and chunk segment, nothing else.
        Assert.Equal(3 + 3 * 3, bucket.Count("Read"));
    }

    [Fact]
    public async Task AnEmptyBucketIsNotAPass()
    {
        using var bucket = NewBucket();
        var result = await BucketDoctor.ExamineAsync(bucket, BucketSurvey.DefaultDeleteDelay, DateTimeOffset.UtcNow, 4, false, default);
        Assert.Equal(0, result.BlocksChecked);
        Assert.Empty(result.Findings);
        Assert.False(result.Passed);
    }
}
