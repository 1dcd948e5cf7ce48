using ThanosLab.Engine.Tsdb;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// The blocks of a data directory as the shipper finds them (formats.md §11): sub-directories whose
/// names are strict ULIDs and whose meta.json reads, sorted by minTime. Other entries (wal/, chunks_head/,
/// *.tmp-for-creation, files) are not blocks and are passed over; a ULID directory whose meta.json does
/// not read is reported in <see cref="Problems"/> rather than stopping the scan.
/// </summary>
public sealed record LocalBlockScan(string DataDirectory, IReadOnlyList<LocalBlock> Blocks, IReadOnlyList<LocalBlockProblem> Problems)
{
    /// <param name="onlyIds">When set, only these blocks (upper-case ULIDs) are read.</param>
    public static LocalBlockScan Read(string dataDirectory, IReadOnlySet<string>? onlyIds = null)
    {
        var full = System.IO.Path.GetFullPath(dataDirectory);
        if (!Directory.Exists(full))
        {
            throw new ThanosLabException(ErrorKind.ObjectNotFound, "DataDirectoryNotFound",
                $"The data directory '{full}' does not exist.", full,
                "Give the directory that holds the block directories (New-ThanosBlockData -OutputDirectory, or Prometheus' --storage.tsdb.path).");
        }
        var blocks = new List<LocalBlock>();
        var problems = new List<LocalBlockProblem>();
        IEnumerable<DirectoryInfo> dirs;
        try
        {
            dirs = new DirectoryInfo(full).GetDirectories();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "DataDirectoryReadFailed", $"Cannot list the data directory '{full}': {e.Message}", full, null, e);
        }
        foreach (var dir in dirs)
        {
            if (!BlockId.IsValid(dir.Name)) continue;
            var id = dir.Name.ToUpperInvariant();
            if (onlyIds is not null && !onlyIds.Contains(id)) continue;
            try
            {
                var meta = BlockMetaJson.ReadFile(System.IO.Path.Combine(dir.FullName, BlockMetaJson.FileName));
                if (!string.Equals(meta.Id, dir.Name, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new(id, new ThanosLabException(ErrorKind.InvalidData, "BlockIdMismatch",
                        $"The block directory '{dir.FullName}' holds a meta.json for block {meta.Id}; the directory name and the meta.json ulid must agree.", dir.FullName)));
                    continue;
                }
                blocks.Add(new LocalBlock(dir.FullName, meta));
            }
            catch (ThanosLabException e)
            {
                problems.Add(new(id, e));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new(id, new ThanosLabException(ErrorKind.ReadError, "BlockMetaReadFailed", $"Cannot read the meta.json of '{dir.FullName}': {e.Message}", dir.FullName, null, e)));
            }
        }
        // The shipper's order: oldest data first, so a sidecar restart resumes from the oldest gap.
        blocks.Sort((a, b) => a.Meta.MinTime != b.Meta.MinTime ? a.Meta.MinTime.CompareTo(b.Meta.MinTime) : string.CompareOrdinal(a.Id, b.Id));
        return new LocalBlockScan(full, blocks, problems);
    }
}
