using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore;

/// <summary>
/// A block prefix found in a bucket: its objects (relative path → size), its meta.json when present and
/// readable, and its markers. Without meta.json it is a partial upload (formats.md §12).
/// </summary>
public sealed record BucketBlock(string Id, string Location, IReadOnlyDictionary<string, long> Objects)
{
    /// <summary>The parsed meta.json; null when it is missing or does not read (see <see cref="MetaError"/>).</summary>
    public BlockMeta? Meta { get; init; }

    /// <summary>Why meta.json did not read (corrupt JSON, wrong version, too large …); null when it read or is missing.</summary>
    public ThanosLabException? MetaError { get; init; }

    /// <summary>The newest last-modified time of the block's objects, when the listing gives one.</summary>
    public DateTimeOffset? LastModified { get; init; }

    public bool HasMeta => Objects.ContainsKey(BlockMetaJson.FileName);

    /// <summary>No meta.json: an upload in progress or interrupted; invisible to Thanos until it has one.</summary>
    public bool IsPartial => !HasMeta;

    public bool DeletionMarked => Objects.ContainsKey(BlockMark.DeletionFileName);

    public bool NoCompactMarked => Objects.ContainsKey(BlockMark.NoCompactFileName);

    public bool NoDownsampleMarked => Objects.ContainsKey(BlockMark.NoDownsampleFileName);

    /// <summary>Size of the block's files as meta.json's <c>files</c> records them, or as listed when it records none.</summary>
    public long SizeBytes =>
        Meta?.Thanos?.Files is { Count: > 0 } files
            ? files.Sum(f => f.SizeBytes ?? 0)
            : Objects.Where(o => o.Key is not (BlockMark.DeletionFileName or BlockMark.NoCompactFileName or BlockMark.NoDownsampleFileName)).Sum(o => o.Value);
}
