using System.Text;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>Writes and removes a block's marker objects, as <c>thanos tools bucket mark</c> does.</summary>
public static class BlockMarker
{
    /// <summary>
    /// Uploads <paramref name="mark"/> beside its block. The block must have a meta.json in the bucket.
    /// An existing marker of the same kind is kept, as Thanos keeps it (its time is what the compactor's
    /// delay counts from); returns the marker now in the bucket and whether this call wrote it.
    /// </summary>
    public static async Task<(BlockMark Mark, bool Written)> SetAsync(IBucket bucket, BlockMark mark, CancellationToken cancellationToken)
    {
        var metaKey = mark.Id + "/" + BlockMetaJson.FileName;
        if (await bucket.StatAsync(metaKey, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "BlockNotFound",
                $"The block {mark.Id} has no meta.json in {bucket.Location}; only complete blocks can be marked.", mark.Id,
                "List the blocks with Get-ThanosBlock -Bucket <config> and use one of their ids.");
        }
        if (await bucket.StatAsync(mark.Key, cancellationToken).ConfigureAwait(false) is not null)
        {
            var bytes = await bucket.ReadAllBytesAsync(mark.Key, BlockMark.MaxBytes, cancellationToken).ConfigureAwait(false);
            return (BlockMark.Parse(mark.Kind, bytes, bucket.LocationOf(mark.Key)), false);
        }
        await bucket.UploadBytesAsync(mark.Key, Encoding.UTF8.GetBytes(mark.ToJson()), cancellationToken).ConfigureAwait(false);
        return (mark, true);
    }

    /// <summary>Deletes the marker of <paramref name="kind"/>; returns false when there was none.</summary>
    public static async Task<bool> RemoveAsync(IBucket bucket, string id, BlockMarkKind kind, CancellationToken cancellationToken)
    {
        var key = BlockMark.KeyOf(BlockUlid.RequireId(id), kind);
        if (await bucket.StatAsync(key, cancellationToken).ConfigureAwait(false) is null) return false;
        await bucket.DeleteAsync(key, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
