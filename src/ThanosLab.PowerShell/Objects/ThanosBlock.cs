using System.Collections.Specialized;
using ThanosLab.Binding;
using ThanosLab.Engine.Objstore;
using ThanosLab.Engine.Reporting;
using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab;

/// <summary>
/// A TSDB block, local (<see cref="Path"/>) or in a bucket (<see cref="BucketLocation"/>): what
/// New-ThanosBlockData and Get-ThanosBlock emit and Test-ThanosBlock, Publish-ThanosBlock and
/// Test-ThanosBucketUpload take.
/// </summary>
public sealed class ThanosBlock
{
    public string Id { get; set; } = "";

    public DateTimeOffset MinTime { get; set; }

    /// <summary>Exclusive end of the block.</summary>
    public DateTimeOffset MaxTime { get; set; }

    public TimeSpan Duration => MaxTime - MinTime;

    public long Series { get; set; }

    public long Samples { get; set; }

    public long Chunks { get; set; }

    /// <summary>Compaction level: 1 for blocks cut from a head or generated.</summary>
    public int Level { get; set; }

    /// <summary>Downsampling resolution: zero for raw data, 5 minutes or 1 hour.</summary>
    public TimeSpan Resolution { get; set; }

    /// <summary>Who made the block (Thanos section): blockgen, sidecar, compactor, bucket.upload …</summary>
    public string? Source { get; set; }

    /// <summary>The level-1 blocks compacted into this one (meta.json's compaction sources).</summary>
    public string[] Sources { get; set; } = Array.Empty<string>();

    /// <summary>External labels from the Thanos section.</summary>
    public OrderedDictionary Labels { get; set; } = new();

    /// <summary>The block directory, for a local block.</summary>
    public string? Path { get; set; }

    /// <summary>Where the block is in object storage (e.g. s3://thanos/prefix/ULID), for a block in a bucket.</summary>
    public string? BucketLocation { get; set; }

    /// <summary>Total size of the block's files (for a bucket block, as recorded in meta.json's files).</summary>
    public long SizeBytes { get; set; }

    /// <summary>The block has a deletion-mark.json in the bucket: the compactor will delete it.</summary>
    public bool DeletionMarked { get; set; }

    /// <summary>The block has a no-compact-mark.json in the bucket.</summary>
    public bool NoCompactMarked { get; set; }

    /// <summary>The block has a no-downsample-mark.json in the bucket: the compactor does not downsample it.</summary>
    public bool NoDownsampleMarked { get; set; }

    /// <summary>In a bucket without meta.json: an upload in progress or interrupted, invisible to Thanos.</summary>
    public bool IsPartial { get; set; }

    /// <summary>A block found in a bucket; one without a readable meta.json shows only its id, size and flags.</summary>
    internal static ThanosBlock FromBucket(BucketBlock block)
    {
        var result = block.Meta is { } meta ? From(meta, null, block.Location, block.SizeBytes) : new ThanosBlock { Id = block.Id, BucketLocation = block.Location, SizeBytes = block.SizeBytes };
        result.DeletionMarked = block.DeletionMarked;
        result.NoCompactMarked = block.NoCompactMarked;
        result.NoDownsampleMarked = block.NoDownsampleMarked;
        result.IsPartial = block.IsPartial;
        return result;
    }

    internal static ThanosBlock From(BlockMeta meta, string? path, string? bucketLocation, long sizeBytes) => new()
    {
        Id = meta.Id,
        MinTime = DateTimeOffset.FromUnixTimeMilliseconds(meta.MinTime),
        MaxTime = DateTimeOffset.FromUnixTimeMilliseconds(meta.MaxTime),
        Series = (long)meta.Stats.NumSeries,
        Samples = (long)meta.Stats.NumSamples,
        Chunks = (long)meta.Stats.NumChunks,
        Level = meta.Compaction.Level,
        Sources = meta.Compaction.SourceIds.ToArray(),
        Resolution = TimeSpan.FromMilliseconds(meta.Thanos?.DownsampleResolution ?? 0),
        Source = meta.Thanos?.Source,
        Labels = LabelArguments.ToDictionary(meta.Thanos?.Labels ?? LabelSet.Empty),
        Path = path,
        BucketLocation = bucketLocation,
        SizeBytes = sizeBytes,
    };

    /// <summary>The block as the report and the console timeline draw it; a block without a readable meta.json has no range.</summary>
    internal TimelineBlock ToTimelineBlock()
    {
        var block = new TimelineBlock(Id)
        {
            SizeBytes = SizeBytes,
            DeletionMarked = DeletionMarked,
            NoCompactMarked = NoCompactMarked,
            NoDownsampleMarked = NoDownsampleMarked,
            IsPartial = IsPartial,
            Location = Path ?? BucketLocation,
        };
        return IsPartial || MinTime == default ? block : block with
        {
            MinTime = MinTime.ToUnixTimeMilliseconds(),
            MaxTime = MaxTime.ToUnixTimeMilliseconds(),
            Level = Level,
            Resolution = (long)Resolution.TotalMilliseconds,
            Labels = LabelArguments.ToLabelSet(Labels),
            Series = Series,
            Samples = Samples,
            Chunks = Chunks,
            Source = Source,
            Sources = Sources,
        };
    }

    public override string ToString() => Id;
}
