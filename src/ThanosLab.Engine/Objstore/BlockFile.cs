using System.Security.Cryptography;
using ThanosLab.Engine.IO;
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
    /// The block's chunk segments (sorted by name) then its index, with their sizes now; throws when either
    /// is missing (such a directory is not a block Prometheus or Thanos could open) and when an entry is
    /// not a regular file of the block (<see cref="RegularFile"/>: FIFOs, devices, sockets, links that leave it).
    /// Uploads and hashes read no more than these sizes.
    /// </summary>
    public static IReadOnlyList<BlockFile> List(string blockDirectory)
    {
        var chunks = Path.Combine(blockDirectory, ChunksDirectory);
        var index = Path.Combine(blockDirectory, IndexFileName);
        var hasChunks = Directory.Exists(chunks);
        if (!hasChunks || !Path.Exists(index))
        {
            throw new ThanosLabException(ErrorKind.InvalidData, "BlockIncomplete",
                $"The block directory '{blockDirectory}' has no {(hasChunks ? "index file" : "chunks directory")}; a block needs chunks/, index and meta.json.",
                blockDirectory, "Regenerate the block, or remove the directory from the data directory.");
        }
        RegularFile.RequireDirectory(chunks, blockDirectory);
        IEnumerable<string> segments;
        try
        {
            // Every entry but subdirectories: a FIFO or device among the segments must be refused, not skipped.
            segments = Directory.EnumerateFileSystemEntries(chunks).Where(e => !Directory.Exists(e) || File.ResolveLinkTarget(e, false) is not null).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "LocalFileReadFailed", $"Cannot list '{chunks}': {e.Message}", chunks, null, e);
        }
        var files = segments
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .Select(f => new BlockFile(ChunksDirectory + "/" + Path.GetFileName(f), f, RegularFile.Inspect(f, blockDirectory)))
            .ToList();
        files.Add(new BlockFile(IndexFileName, index, RegularFile.Inspect(index, blockDirectory)));
        return files;
    }

    /// <summary>The <c>files</c> entry for meta.json: size and, with SHA256, the hash of the local content.</summary>
    public async Task<ThanosFile> ToThanosFileAsync(HashFunction hash, CancellationToken cancellationToken) =>
        hash == HashFunction.SHA256
            ? new ThanosFile(RelPath, SizeBytes, "SHA256", await Sha256HexAsync(cancellationToken).ConfigureAwait(false))
            : new ThanosFile(RelPath, SizeBytes);

    /// <summary>Lower-case hex SHA-256 of the file's first <see cref="SizeBytes"/> bytes, as Go's hex.EncodeToString writes it.</summary>
    public async Task<string> Sha256HexAsync(CancellationToken cancellationToken)
    {
        await using var stream = RegularFile.OpenRead(LocalPath, SizeBytes);
        var digest = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexString(digest).ToLowerInvariant();
    }
}
