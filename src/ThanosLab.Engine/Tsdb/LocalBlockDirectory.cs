using ThanosLab.Engine.Tsdb.Meta;
namespace ThanosLab.Engine.Tsdb;

/// <summary>What <see cref="LocalBlockDirectory"/> made of one directory entry.</summary>
public enum LocalBlockState
{
    /// <summary>A block with a valid meta.json.</summary>
    Block,

    /// <summary>Not a block (WAL, head chunks, unfinished or foreign directory); <see cref="LocalBlockEntry.Reason"/> says why.</summary>
    Skipped,

    /// <summary>A ULID directory whose meta.json cannot be read; <see cref="LocalBlockEntry.Error"/> says why.</summary>
    Invalid,
}

/// <summary>One directory of a TSDB data directory and what it is.</summary>
public sealed record LocalBlockEntry(string Path, LocalBlockState State, BlockMeta? Meta = null, long SizeBytes = 0,
    string? Reason = null, ThanosLabException? Error = null);

/// <summary>
/// The blocks of a local Prometheus/TSDB data directory, as Prometheus finds them (formats.md §2,
/// §16.1): ULID-named directories with a meta.json. Everything else is reported as skipped with the
/// reason, and a broken meta.json as invalid, so a caller can say what it passed over.
/// </summary>
public static class LocalBlockDirectory
{
    private const string DeletionSuffix = ".tmp-for-deletion";

    // The block's own files: links are not followed (recursion would follow a link to / or to the
    // data directory round and round) and not counted.
    private static readonly EnumerationOptions OwnFiles = new()
    {
        RecurseSubdirectories = true,
        AttributesToSkip = FileAttributes.ReparsePoint,
        IgnoreInaccessible = true,
    };

    /// <summary>
    /// Lists <paramref name="directory"/>'s blocks in name (= creation time) order. When the directory
    /// is itself a block, that block alone. <paramref name="includeId"/> filters by directory name
    /// before any meta.json is read.
    /// </summary>
    public static IEnumerable<LocalBlockEntry> List(string directory, Func<string, bool>? includeId = null, CancellationToken cancellation = default)
    {
        if (!Directory.Exists(directory))
        {
            throw new ThanosLabException(File.Exists(directory) ? ErrorKind.InvalidArgument : ErrorKind.ObjectNotFound,
                File.Exists(directory) ? "DataDirectoryIsFile" : "DataDirectoryNotFound",
                File.Exists(directory)
                    ? $"'{directory}' is a file; a TSDB data directory (or a block directory) is expected."
                    : $"The TSDB data directory '{directory}' does not exist.",
                directory, "Give the storage.tsdb.path of a Prometheus, an output directory of New-ThanosBlockData, or one block directory.");
        }
        var self = System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(directory));
        if (BlockUlid.IsStrict(self) && File.Exists(System.IO.Path.Combine(directory, BlockMetaJson.FileName)))
        {
            return includeId is null || includeId(self) ? new[] { Inspect(directory) } : Array.Empty<LocalBlockEntry>();
        }
        return ListChildren(directory, includeId, cancellation);
    }

    private static IEnumerable<LocalBlockEntry> ListChildren(string directory, Func<string, bool>? includeId, CancellationToken cancellation)
    {
        var children = Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal).ToArray();
        foreach (var child in children)
        {
            cancellation.ThrowIfCancellationRequested();
            var name = System.IO.Path.GetFileName(child);
            var reason = SkipReason(name);
            if (reason is not null)
            {
                yield return new LocalBlockEntry(child, LocalBlockState.Skipped, Reason: reason);
                continue;
            }
            if (includeId is not null && !includeId(name))
            {
                continue;
            }
            if (!File.Exists(System.IO.Path.Combine(child, BlockMetaJson.FileName)))
            {
                yield return new LocalBlockEntry(child, LocalBlockState.Skipped,
                    Reason: "it has no meta.json (an interrupted write or copy; Prometheus and Thanos ignore it)");
                continue;
            }
            yield return Inspect(child);
        }
    }

    private static string? SkipReason(string name)
    {
        if (name.EndsWith(BlockWriter.TempSuffix, StringComparison.Ordinal) || name.EndsWith(DeletionSuffix, StringComparison.Ordinal))
        {
            return "it is an unfinished block that Prometheus deletes at startup";
        }
        return name switch
        {
            "wal" => "it is Prometheus' write-ahead log, not a block",
            "chunks_head" => "it holds Prometheus' head chunks, not a block",
            _ when !BlockUlid.IsStrict(name) => "its name is not a ULID, so Prometheus ignores it",
            _ => null,
        };
    }

    /// <summary>The bytes of the block's own files (meta.json, index, chunks, tombstones); throws when the directory cannot be read.</summary>
    public static long SizeOnDisk(string path) => new DirectoryInfo(path).EnumerateFiles("*", OwnFiles).Sum(f => f.Length);

    private static LocalBlockEntry Inspect(string path)
    {
        try
        {
            var meta = BlockMetaJson.ReadFile(System.IO.Path.Combine(path, BlockMetaJson.FileName));
            return new LocalBlockEntry(path, LocalBlockState.Block, meta, SizeOnDisk(path));
        }
        catch (ThanosLabException e)
        {
            return new LocalBlockEntry(path, LocalBlockState.Invalid, Error: e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new LocalBlockEntry(path, LocalBlockState.Invalid, Error: new ThanosLabException(ErrorKind.ReadError, "BlockUnreadable",
                $"The block directory '{path}' cannot be read: {e.Message}", path, "Check the directory's permissions.", e));
        }
    }
}
