namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// Thanos' deduplication filter (block.DefaultDeduplicateFilter): inside one stream, blocks are taken
/// in order of most sources first (then by id), and a block whose sources are all in the sources of one
/// block already taken is a duplicate. The compactor hides duplicates and marks them for deletion.
/// </summary>
public static class CompactorDeduplication
{
    public static IReadOnlyList<(BucketBlock Duplicate, BucketBlock Cover)> Find(IEnumerable<BucketBlock> blocks)
    {
        var result = new List<(BucketBlock, BucketBlock)>();
        foreach (var stream in blocks.Where(b => b.Meta is not null).GroupBy(b => BlockStream.Of(b.Meta!)))
        {
            var covering = new List<(BucketBlock Block, HashSet<Ulid> Sources)>();
            foreach (var block in stream.OrderByDescending(b => b.Meta!.Compaction.Sources.Count).ThenBy(b => b.Id, StringComparer.Ordinal))
            {
                var sources = block.Meta!.Compaction.Sources;
                var cover = covering.FirstOrDefault(c => sources.All(c.Sources.Contains));
                if (cover.Block is not null)
                {
                    result.Add((block, cover.Block));
                    continue;
                }
                covering.Add((block, sources.ToHashSet()));
            }
        }
        return result;
    }
}
