using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Objstore.Doctor;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Reporting;

/// <summary>
/// One block as the timeline draws it: its range (null when it has no readable meta.json), stream,
/// statistics, compaction sources and marks. Everything here came from a bucket or a data directory
/// and is untrusted text to whatever renders it.
/// </summary>
public sealed record TimelineBlock(string Id)
{
    /// <summary>Inclusive start in Unix milliseconds; null for a partial upload or an unreadable meta.json.</summary>
    public long? MinTime { get; init; }

    /// <summary>Exclusive end in Unix milliseconds.</summary>
    public long? MaxTime { get; init; }

    public int Level { get; init; }

    /// <summary>Downsampling resolution in milliseconds: 0 for raw data.</summary>
    public long Resolution { get; init; }

    public LabelSet Labels { get; init; } = LabelSet.Empty;

    public long Series { get; init; }

    public long Samples { get; init; }

    public long Chunks { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>Who made the block (meta.json's Thanos source): sidecar, compactor, blockgen …</summary>
    public string? Source { get; init; }

    /// <summary>The level-1 blocks compacted into this one.</summary>
    public IReadOnlyList<string> Sources { get; init; } = Array.Empty<string>();

    public bool DeletionMarked { get; init; }

    public bool NoCompactMarked { get; init; }

    public bool NoDownsampleMarked { get; init; }

    /// <summary>A bucket prefix without meta.json: an upload in progress or interrupted.</summary>
    public bool IsPartial { get; init; }

    /// <summary>The block directory or its place in the bucket.</summary>
    public string? Location { get; init; }

    /// <summary>The directory or bucket prefix that holds the block.</summary>
    public string? Place => Location is null ? null
        : Location.EndsWith(Id, StringComparison.OrdinalIgnoreCase) ? Location[..^Id.Length].TrimEnd('/', '\\') : Location;

    public bool HasRange => MinTime is not null && MaxTime is not null;

    public BlockStream Stream => new(Labels, Resolution);

    /// <summary>When the block was created, from its ULID: where a block without a range is placed.</summary>
    public long? CreatedAt => BlockUlid.TryParse(Id, out var ulid) ? ulid.Time.ToUnixTimeMilliseconds() : null;

    public static TimelineBlock From(BucketBlock block)
    {
        var result = new TimelineBlock(block.Id)
        {
            SizeBytes = block.SizeBytes,
            DeletionMarked = block.DeletionMarked,
            NoCompactMarked = block.NoCompactMarked,
            NoDownsampleMarked = block.NoDownsampleMarked,
            IsPartial = block.IsPartial,
            Location = block.Location,
        };
        return block.Meta is { } meta ? WithMeta(result, meta) : result;
    }

    private static TimelineBlock WithMeta(TimelineBlock block, BlockMeta meta) => block with
    {
        MinTime = meta.MinTime,
        MaxTime = meta.MaxTime,
        Level = meta.Compaction.Level,
        Resolution = meta.Thanos?.DownsampleResolution ?? 0,
        Labels = meta.Thanos?.Labels ?? LabelSet.Empty,
        Series = (long)meta.Stats.NumSeries,
        Samples = (long)meta.Stats.NumSamples,
        Chunks = (long)meta.Stats.NumChunks,
        Source = meta.Thanos?.Source,
        Sources = meta.Compaction.SourceIds.ToArray(),
    };

    /// <summary>
    /// The block as the doctor's checks read it from a bucket, so the timeline finds overlaps with the
    /// doctor's own <see cref="OverlapCheck"/>. Null when the block has no range or its id is no ULID.
    /// </summary>
    internal BucketBlock? ToBucketBlock()
    {
        if (!HasRange || !BlockUlid.TryParse(Id, out var ulid)) return null;
        var objects = new Dictionary<string, long>(StringComparer.Ordinal) { [BlockMetaJson.FileName] = 0 };
        if (DeletionMarked) objects[BlockMark.DeletionFileName] = 0;
        if (NoCompactMarked) objects[BlockMark.NoCompactFileName] = 0;
        if (NoDownsampleMarked) objects[BlockMark.NoDownsampleFileName] = 0;
        var sources = Sources.Select(s => BlockUlid.TryParse(s, out var u) ? u : (Ulid?)null).OfType<Ulid>().ToArray();
        var meta = new BlockMeta(ulid, MinTime!.Value, MaxTime!.Value, new BlockStats((ulong)Samples, (ulong)Series, (ulong)Chunks),
            new BlockCompaction(Level, sources.Length > 0 ? sources : new[] { ulid }))
        {
            Thanos = new ThanosMeta(Labels, Resolution, Source ?? ""),
        };
        return new BucketBlock(ulid.ToString(), Location ?? Id, objects) { Meta = meta };
    }
}
