using System.Security.Cryptography;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// A data file of a local block as the upload sees it: its path relative to the block (always with
/// '/'), its local path and size. The files of a block are what Thanos' GatherFileStats lists.
/// </summary>
public sealed record BlockFile(string RelPath, string LocalPath, long SizeBytes)
{
    public const string ChunksDirectory = "chunks";
    public const string IndexFileName = "index";

    public bool IsChunkSegment => RelPath.StartsWith(ChunksDirectory + "/", StringComparison.Ordinal);

    /// <summary>
    /// The block's chunk segments (sorted by name) then its index; throws when either is missing,
    /// since such a directory is not a block Prometheus or Thanos could open.
    /// </summary>
    public static IReadOnlyList<BlockFile> List(string blockDirectory)
    {
        var chunks = Path.Combine(blockDirectory, ChunksDirectory);
        var index = new FileInfo(Path.Combine(blockDirectory, IndexFileName));
        if (!Directory.Exists(chunks) || !index.Exists)
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "BlockIncomplete",
                $"The block directory '{blockDirectory}' has no {(index.Exists ? "chunks directory" : "index file")}; a block needs chunks/, index and meta.json.",
                blockDirectory, "Regenerate the block, or remove the directory from the data directory.");
        }
        var files = new DirectoryInfo(chunks).EnumerateFiles()
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new BlockFile(ChunksDirectory + "/" + f.Name, f.FullName, f.Length))
            .ToList();
        files.Add(new BlockFile(IndexFileName, index.FullName, index.Length));
        return files;
    }

    /// <summary>The <c>files</c> entry for meta.json: size and, with SHA256, the hash of the local content.</summary>
    public async Task<ThanosFile> ToThanosFileAsync(HashFunction hash, CancellationToken cancellationToken) =>
        hash == HashFunction.SHA256
            ? new ThanosFile(RelPath, SizeBytes, "SHA256", await Sha256HexAsync(LocalPath, cancellationToken).ConfigureAwait(false))
            : new ThanosFile(RelPath, SizeBytes);

    /// <summary>Lower-case hex SHA-256 of a file, as Go's hex.EncodeToString writes it.</summary>
    public static async Task<string> Sha256HexAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var digest = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexString(digest).ToLowerInvariant();
    }
}
