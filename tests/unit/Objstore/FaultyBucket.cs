using System.Text;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Tests.Objstore;

/// <summary>
/// The faults a compactor halts or stumbles on, made the way they happen: one plan generated and
/// uploaded twice with the same labels (two overlapping copies of one stream), the same plan for other
/// labels (a third copy at the same times, another stream), one block of that stream whose meta.json is
/// gone (a partial upload), and a block hand-made from a copy of a stream-one block whose compaction
/// sources are that block's (a duplicated compaction).
/// </summary>
public sealed record FaultyBucket(IReadOnlyList<string> CopyA, IReadOnlyList<string> CopyB, IReadOnlyList<string> OtherStream, string Partial, string Duplicate, string DuplicateOf)
{
    public static async Task<FaultyBucket> CreateAsync(IBucket bucket, string workDirectory)
    {
        var a = await UploadAsync(bucket, Path.Combine(workDirectory, "a"), "one");
        var b = await UploadAsync(bucket, Path.Combine(workDirectory, "b"), "one");
        var other = await UploadAsync(bucket, Path.Combine(workDirectory, "c"), "two");
        var partial = other[0];
        await bucket.DeleteAsync(partial + "/" + BlockMetaJson.FileName, default);

        var original = a[0];
        var meta = BlockMetaJson.Parse(await bucket.ReadAllBytesAsync(original + "/" + BlockMetaJson.FileName, BlockMetaJson.MaxBytes, default), original);
        // Newer than every generated block, so Thanos' deduplication keeps the original and drops this one.
        var duplicate = Ulid.NewUlid(DateTimeOffset.UtcNow.AddSeconds(1));
        foreach (var file in new[] { "chunks/000001", "index" })
        {
            await bucket.UploadBytesAsync(duplicate + "/" + file, await bucket.ReadAllBytesAsync(original + "/" + file, long.MaxValue, default), default);
        }
        var copy = meta with { Ulid = duplicate };
        await bucket.UploadBytesAsync(duplicate + "/" + BlockMetaJson.FileName, Encoding.UTF8.GetBytes(BlockMetaJson.ToThanosJson(copy)), default);
        return new FaultyBucket(a, b, other, partial, duplicate.ToString(), original);
    }

    private static async Task<IReadOnlyList<string>> UploadAsync(IBucket bucket, string data, string cluster)
    {
        var blocks = TestBlocks.Generate(data, TestBlocks.Labels(("cluster", cluster)));
        await TestBlocks.UploadAsync(bucket, data, cluster);
        return blocks.Select(x => x.Meta.Id).ToArray();
    }
}
