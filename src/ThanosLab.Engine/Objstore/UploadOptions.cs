using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Objstore;

/// <summary>How <see cref="BlockUploader"/> uploads: the flags of <c>thanos tools bucket upload-blocks</c>.</summary>
public sealed record UploadOptions
{
    /// <summary>Merged over each block's own Thanos labels; the result must not be empty.</summary>
    public LabelSet ExternalLabels { get; init; } = LabelSet.Empty;

    /// <summary>Also upload blocks of compaction level above 1 (<c>--shipper.upload-compacted</c>).</summary>
    public bool UploadCompacted { get; init; }

    /// <summary>
    /// Decide as if thanos.shipper.json were empty: every block not in the bucket is uploaded, also those a
    /// compactor may have compacted away (which then overlap their compacted successor).
    /// </summary>
    public bool IgnoreShipperState { get; init; }

    public HashFunction Hash { get; init; } = HashFunction.None;

    /// <summary>The <c>thanos.source</c> written to the uploaded meta.json.</summary>
    public string Source { get; init; } = UploadMeta.BucketUploadSource;

    /// <summary>Objects transferred at the same time, across files and blocks.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>The clock for <c>upload_time</c>; replaceable so tests can pin it.</summary>
    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;
}
