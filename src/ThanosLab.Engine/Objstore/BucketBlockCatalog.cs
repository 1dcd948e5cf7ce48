using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// The blocks in a bucket, read from ONE recursive listing plus one meta.json read per block of
/// interest (not one request per file). Keys are untrusted: a first segment that is not a strict ULID,
/// or any '..', '.', empty or backslash segment, makes the key ignored; nothing here becomes a local path.
/// </summary>
public static class BucketBlockCatalog
{
    /// <summary>
    /// meta.json reads in flight at once unless told otherwise: Thanos' <c>--block-meta-fetch-concurrency</c>
    /// default. Each read waits on the server far longer than it works here, so 8 left a slow S3 server idle.
    /// </summary>
    public const int DefaultParallelism = 32;

    /// <param name="include">Which block ids to read meta.json for and return; null for all.</param>
    /// <param name="parallelism">meta.json reads in flight at once.</param>
    public static async Task<IReadOnlyList<BucketBlock>> ReadAsync(IBucket bucket, Func<string, bool>? include, int parallelism, CancellationToken cancellationToken)
    {
        var byBlock = new SortedDictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var newest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var o in bucket.ListAsync("", recursive: true, cancellationToken).ConfigureAwait(false))
        {
            if (!TrySplit(o.Key, out var id, out var rel)) continue;
            if (include is not null && !include(id)) continue;
            if (!byBlock.TryGetValue(id, out var objects)) byBlock[id] = objects = new Dictionary<string, long>(StringComparer.Ordinal);
            objects[rel] = o.Size;
            if (o.LastModified is { } modified && (!newest.TryGetValue(id, out var seen) || modified > seen)) newest[id] = modified;
        }

        var blocks = byBlock.Select(b => new BucketBlock(b.Key, bucket.LocationOf(b.Key), b.Value)
        {
            LastModified = newest.TryGetValue(b.Key, out var modified) ? modified : null,
        }).ToArray();
        await Parallel.ForEachAsync(Enumerable.Range(0, blocks.Length),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (i, ct) => blocks[i] = await ReadMetaAsync(bucket, blocks[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        return blocks;
    }

    private static async Task<BucketBlock> ReadMetaAsync(IBucket bucket, BucketBlock block, CancellationToken cancellationToken)
    {
        if (!block.HasMeta) return block;
        var key = block.Id + "/" + BlockMetaJson.FileName;
        try
        {
            var bytes = await bucket.ReadAllBytesAsync(key, BlockMetaJson.MaxBytes, cancellationToken).ConfigureAwait(false);
            var meta = BlockMetaJson.Parse(bytes, bucket.LocationOf(key));
            if (!string.Equals(meta.Id, block.Id, StringComparison.Ordinal))
            {
                return block with
                {
                    MetaError = new ThanosLabException(ErrorKind.InvalidData, "BlockIdMismatch",
                        $"The meta.json {bucket.LocationOf(key)} describes block {meta.Id}, not {block.Id}.", key),
                };
            }
            return block with { Meta = meta };
        }
        catch (ThanosLabException e) when (e.Kind is ErrorKind.InvalidData or ErrorKind.ObjectNotFound)
        {
            // Corrupt, oversized, or deleted between the listing and the read: report it with the block.
            return block with { MetaError = e };
        }
    }

    /// <summary>Splits <c>ULID/rel/path</c>; false for keys that are not inside a block or are unsafe.</summary>
    internal static bool TrySplit(string key, out string id, out string relativePath)
    {
        id = relativePath = "";
        if (key.Contains('\\') || key.Any(char.IsControl)) return false;
        var slash = key.IndexOf('/');
        if (slash != 26) return false; // a ULID is 26 characters
        var first = key[..slash];
        if (!BlockUlid.IsStrict(first) || first != first.ToUpperInvariant()) return false;
        var rest = key[(slash + 1)..];
        if (rest.Length == 0) return false;
        foreach (var segment in rest.Split('/'))
        {
            if (segment is "" or "." or "..") return false;
        }
        id = first;
        relativePath = rest;
        return true;
    }
}
