using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Deletes a block from a bucket at once, in the order of Thanos' <c>block.Delete</c> (pkg/block/block.go):
/// meta.json first, so that no reader loads a block whose files are going; then the data; then the
/// markers, the deletion mark last, so that an interrupted deletion still carries its mark.
/// </summary>
public static class BlockDeleter
{
    /// <summary>Deletes every object under the block's prefix; returns how many there were. A block with no object is BlockNotFound.</summary>
    public static async Task<int> DeleteAsync(IBucket bucket, string id, CancellationToken cancellationToken)
    {
        id = BlockUlid.RequireId(id);
        var keys = new List<string>();
        await foreach (var o in bucket.ListAsync(id + "/", recursive: true, cancellationToken).ConfigureAwait(false))
        {
            keys.Add(o.Key);
        }
        if (keys.Count == 0)
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "BlockNotFound",
                $"The bucket {bucket.Location} holds no block {id}: nothing is stored under '{id}/'.", id,
                "List the blocks with Get-ThanosBlock -Bucket <config> (or partial uploads with Test-ThanosBucket) and use one of their ids.");
        }
        foreach (var key in keys.OrderBy(Rank).ThenBy(k => k, StringComparer.Ordinal))
        {
            await bucket.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        }
        return keys.Count;
    }

    private static int Rank(string key) => key[(key.IndexOf('/') + 1)..] switch
    {
        BlockMetaJson.FileName => 0,
        BlockMark.NoCompactFileName or BlockMark.NoDownsampleFileName => 2,
        BlockMark.DeletionFileName => 3,
        _ => 1,
    };
}
