using System.Text;
using ThanosLab.Engine;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Tsdb.Meta;
using ThanosLab.Tests.Infrastructure;
using Xunit;

namespace ThanosLab.Tests.Objstore;

/// <summary>
/// Deleting blocks as Thanos does (BlockDeleter) and the compactor's retention rule (BlockRetention), on
/// a directory bucket here and on radosgw in <see cref="BlockRemovalS3Tests"/>, with the same assertions.
/// </summary>
public sealed class BlockRemovalTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private IBucket NewBucket()
    {
        Directory.CreateDirectory(_dir.Combine("bucket"));
        return new FileSystemBucket(_dir.Combine("bucket"));
    }

    [Fact]
    public Task DeletingAtOnceGoesMetaJsonFirstThenTheDataThenTheMarksWithTheDeletionMarkLast() =>
        AssertDeletionOrder(NewBucket(), _dir.Combine("data"));

    [Fact]
    public Task AnUnknownOrMalformedIdIsRefusedNamingIt() => AssertBadIds(NewBucket());

    [Fact]
    public Task RetentionSelectsExactlyTheBlocksThanosRuleExpires() => AssertRetentionRule(NewBucket(), _dir.Combine("data"));

    [Fact]
    public void ANegativeRetentionIsRefusedNamingTheResolutionAndNoRetentionKeepsEverything()
    {
        var e = Assert.Throws<ThanosLabException>(() => new BlockRetention(TimeSpan.FromDays(30), TimeSpan.FromHours(-1), TimeSpan.Zero).Validated());
        Assert.Equal("NegativeRetention", e.ErrorId);
        Assert.Contains("5m blocks is -1h0m0s", e.Message);
        Assert.True(new BlockRetention(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero).KeepsEverything);
    }

    internal static async Task AssertDeletionOrder(IBucket inner, string data)
    {
        using var bucket = new CountingBucket(inner);
        var blocks = TestBlocks.GenerateNewest(data, 2);
        await TestBlocks.UploadAsync(bucket, data, "one");
        var (gone, kept) = (blocks[0].Meta.Id, blocks[1].Meta.Id);
        foreach (var kind in new[] { BlockMarkKind.Deletion, BlockMarkKind.NoCompact, BlockMarkKind.NoDownsample })
        {
            await BlockMarker.SetAsync(bucket, BlockMark.Create(kind, gone, DateTimeOffset.UtcNow), default);
        }
        bucket.Calls.Clear();

        var objects = new List<string>();
        await foreach (var o in bucket.ListAsync(gone + "/", true, default)) objects.Add(o.Key[(gone.Length + 1)..]);
        bucket.Calls.Clear();

        Assert.Equal(objects.Count, await BlockDeleter.DeleteAsync(bucket, gone.ToLowerInvariant(), default));

        var deleted = bucket.Calls.Where(c => c.Operation == "Delete").Select(c => c.Key[(gone.Length + 1)..]).ToArray();
        var marks = new[] { "no-compact-mark.json", "no-downsample-mark.json", "deletion-mark.json" };
        Assert.Equal(new[] { "meta.json" }.Concat(objects.Except(marks).Where(k => k != "meta.json").Order(StringComparer.Ordinal)).Concat(marks), deleted);
        Assert.Contains("index", deleted);
        await foreach (var o in bucket.ListAsync(gone + "/", true, default)) Assert.Fail($"{o.Key} was left behind");
        Assert.NotNull(await bucket.StatAsync(kept + "/meta.json", default));
    }

    internal static async Task AssertBadIds(IBucket bucket)
    {
        using var _ = bucket;
        var unknown = Ulid.NewUlid().ToString();
        var e = await Assert.ThrowsAsync<ThanosLabException>(() => BlockDeleter.DeleteAsync(bucket, unknown, default));
        Assert.Equal("BlockNotFound", e.ErrorId);
        Assert.Contains(unknown, e.Message);
        var bad = await Assert.ThrowsAsync<ThanosLabException>(() => BlockDeleter.DeleteAsync(bucket, "../etc", default));
        Assert.Equal("InvalidBlockId", bad.ErrorId);
        Assert.Contains("'../etc'", bad.Message);
    }

    /// <summary>
    /// continuous-30d-tiny (9 raw blocks), one block relabelled 5m and one 1h; retention 30 days raw, 60 days
    /// 5m, 1h kept for ever, measured from instants just before and just after the rule's boundary.
    /// </summary>
    internal static async Task AssertRetentionRule(IBucket bucket, string data)
    {
        using var _ = bucket;
        var blocks = TestBlocks.Generate(data);
        await TestBlocks.UploadAsync(bucket, data, "one");
        var (fiveMinute, oneHour) = (blocks[0].Meta.Id, blocks[1].Meta.Id);
        foreach (var (id, resolution) in new[] { (fiveMinute, 300_000L), (oneHour, 3_600_000L) })
        {
            var meta = BlockMetaJson.Parse(await bucket.ReadAllBytesAsync(id + "/meta.json", 1 << 20, default), id);
            var relabelled = meta with { Thanos = meta.Thanos! with { DownsampleResolution = resolution } };
            await bucket.UploadBytesAsync(id + "/meta.json", Encoding.UTF8.GetBytes(BlockMetaJson.ToThanosJson(relabelled)), default);
        }
        var retention = new BlockRetention(TimeSpan.FromDays(30), TimeSpan.FromDays(60), TimeSpan.Zero);
        var raw = blocks.Skip(2).ToArray();

        // The rule: now after maxTime cut to whole seconds plus the retention; at the boundary itself the block stays.
        var newestRaw = raw.Max(b => b.Meta.MaxTime);
        var boundary = DateTimeOffset.FromUnixTimeSeconds(newestRaw / 1000) + TimeSpan.FromDays(30);
        var atBoundary = await retention.SelectAsync(bucket, boundary, 4, default);
        Assert.Equal(raw.Where(b => b.Meta.MaxTime != newestRaw).Select(b => b.Meta.Id).Order(StringComparer.Ordinal), atBoundary.Expired.Select(b => b.Id).Order(StringComparer.Ordinal));
        var after = await retention.SelectAsync(bucket, boundary.AddTicks(1), 4, default);
        Assert.Equal(raw.Select(b => b.Meta.Id).Order(StringComparer.Ordinal), after.Expired.Select(b => b.Id).Order(StringComparer.Ordinal));
        Assert.Equal(after.Expired.Select(b => b.Meta!.MaxTime).Order(), after.Expired.Select(b => b.Meta!.MaxTime));

        // The 5m block goes only after its own 60 days; the 1h block never.
        var fiveMinuteMax = blocks[0].Meta.MaxTime;
        var later = await retention.SelectAsync(bucket, DateTimeOffset.FromUnixTimeSeconds(fiveMinuteMax / 1000) + TimeSpan.FromDays(60) + TimeSpan.FromSeconds(1), 4, default);
        Assert.Contains(later.Expired, b => b.Id == fiveMinute);
        Assert.DoesNotContain(later.Expired, b => b.Id == oneHour);
        var forever = await retention.SelectAsync(bucket, DateTimeOffset.MaxValue.AddYears(-1), 4, default);
        Assert.DoesNotContain(forever.Expired, b => b.Id == oneHour);
        Assert.Equal("block exceeding retention of 720h0m0s", retention.MarkDetails(blocks[3].Meta));
        Assert.Empty(after.Unreadable);
    }
}

/// <summary>The same removal and retention checks against radosgw.</summary>
[Collection(RadosGatewayCollection.Name)]
public sealed class BlockRemovalS3Tests : IDisposable
{
    private readonly RadosGateway _rgw;
    private readonly TempDirectory _dir = new();

    public BlockRemovalS3Tests(RadosGateway rgw) => _rgw = rgw;

    public void Dispose() => _dir.Dispose();

    [SkippableFact]
    public Task DeletingAtOnceGoesMetaJsonFirstThenTheDataThenTheMarksWithTheDeletionMarkLast() =>
        BlockRemovalTests.AssertDeletionOrder(_rgw.CreateBucket(prefix: "tenant"), _dir.Combine("data"));

    [SkippableFact]
    public Task AnUnknownOrMalformedIdIsRefusedNamingIt() => BlockRemovalTests.AssertBadIds(_rgw.CreateBucket());

    [SkippableFact]
    public Task RetentionSelectsExactlyTheBlocksThanosRuleExpires() => BlockRemovalTests.AssertRetentionRule(_rgw.CreateBucket(prefix: "tenant"), _dir.Combine("data"));
}
