using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Index;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Downloads a block from a bucket into a local directory, as Thanos' <c>block.Download</c> does: its
/// meta.json, index and chunk segments (no marks, nothing else under the prefix), and an empty chunks/
/// for a block without segments. Keys come from the catalog's checked listing, so no path leaves the directory.
/// </summary>
public static class BlockDownloader
{
    /// <summary>Downloads <paramref name="block"/> into <paramref name="directory"/> (created); returns the bytes read.</summary>
    public static async Task<long> DownloadAsync(IBucket bucket, BucketBlock block, string directory, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var (relative, size) in block.Objects.Where(o => IsBlockFile(o.Key)))
        {
            var path = Path.Combine(directory, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var bytes = await bucket.ReadAllBytesAsync(block.Id + "/" + relative, size, cancellationToken).ConfigureAwait(false);
            await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
            total += bytes.Length;
        }
        // Thanos' download makes an empty chunks/ too: a block without segments is not a missing directory.
        Directory.CreateDirectory(Path.Combine(directory, BlockReader.ChunksDirectory));
        return total;
    }

    private static bool IsBlockFile(string relative) =>
        relative is BlockMetaJson.FileName or IndexReader.FileName || relative.StartsWith(BlockReader.ChunksDirectory + "/", StringComparison.Ordinal) && relative.Count(c => c == '/') == 1;
}
