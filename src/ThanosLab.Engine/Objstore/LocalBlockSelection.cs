using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// Turns paths given by a user — data directories and single block directories, mixed — into one
/// entry per data directory: all its blocks, or only the blocks named. The data directory is what the
/// shipper state belongs to, so a single block's parent is its data directory.
/// </summary>
public static class LocalBlockSelection
{
    public static IReadOnlyList<(string DataDirectory, IReadOnlySet<string>? Ids)> Group(IEnumerable<string> paths)
    {
        var all = new List<string>();
        var some = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var p in paths)
        {
            var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(p));
            var name = Path.GetFileName(full);
            if (BlockUlid.IsStrict(name) && File.Exists(Path.Combine(full, BlockMetaJson.FileName)) && Path.GetDirectoryName(full) is { } parent)
            {
                if (!some.TryGetValue(parent, out var ids)) some[parent] = ids = new HashSet<string>(StringComparer.Ordinal);
                ids.Add(name.ToUpperInvariant());
            }
            else if (!all.Contains(full, StringComparer.Ordinal))
            {
                all.Add(full);
            }
        }
        var result = all.Select(d => (d, (IReadOnlySet<string>?)null)).ToList();
        result.AddRange(some.Where(s => !all.Contains(s.Key, StringComparer.Ordinal)).Select(s => (s.Key, (IReadOnlySet<string>?)s.Value)));
        return result;
    }
}
