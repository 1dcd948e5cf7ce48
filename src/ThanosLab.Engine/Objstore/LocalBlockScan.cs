using ThanosLab.Engine.Tsdb;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// The blocks of a data directory as the shipper takes them (formats.md §11): what
/// <see cref="LocalBlockDirectory"/> finds, sorted by minTime. Entries that are not blocks (wal/,
/// chunks_head/, *.tmp-for-creation, other names) are passed over; a ULID directory whose meta.json does
/// not read is reported in <see cref="Problems"/> rather than stopping the scan.
/// </summary>
public sealed record LocalBlockScan(string DataDirectory, IReadOnlyList<LocalBlock> Blocks, IReadOnlyList<LocalBlockProblem> Problems)
{
    /// <param name="onlyIds">When set, only these blocks (upper-case ULIDs) are read.</param>
    public static LocalBlockScan Read(string dataDirectory, IReadOnlySet<string>? onlyIds = null)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDirectory));
        var blocks = new List<LocalBlock>();
        var problems = new List<LocalBlockProblem>();
        IEnumerable<LocalBlockEntry> entries;
        try
        {
            entries = LocalBlockDirectory.List(full, onlyIds is null ? null : name => onlyIds.Contains(name.ToUpperInvariant())).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ThanosLabException(ErrorKind.ReadError, "DataDirectoryReadFailed", $"Cannot list the data directory '{full}': {e.Message}", full, null, e);
        }
        foreach (var entry in entries)
        {
            var id = Path.GetFileName(entry.Path).ToUpperInvariant();
            switch (entry.State)
            {
                case LocalBlockState.Invalid:
                    problems.Add(new LocalBlockProblem(id, entry.Error!));
                    break;
                case LocalBlockState.Block when !string.Equals(entry.Meta!.Id, id, StringComparison.Ordinal):
                    // Thanos keys the bucket by the meta.json ulid and the shipper by the directory: they must agree.
                    problems.Add(new LocalBlockProblem(id, new ThanosLabException(ErrorKind.InvalidData, "BlockIdMismatch",
                        $"The block directory '{entry.Path}' holds a meta.json for block {entry.Meta.Id}; the directory name and the meta.json ulid must agree.", entry.Path)));
                    break;
                case LocalBlockState.Block:
                    blocks.Add(new LocalBlock(entry.Path, entry.Meta!));
                    break;
            }
        }
        // The shipper's order: oldest data first, so a sidecar restart resumes from the oldest gap.
        blocks.Sort((a, b) => a.Meta.MinTime != b.Meta.MinTime ? a.Meta.MinTime.CompareTo(b.Meta.MinTime) : string.CompareOrdinal(a.Id, b.Id));
        return new LocalBlockScan(full, blocks, problems);
    }
}
