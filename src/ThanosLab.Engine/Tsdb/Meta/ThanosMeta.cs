using ThanosLab.Engine.Tsdb.Labels;
namespace ThanosLab.Engine.Tsdb.Meta;

/// <summary>
/// The <c>thanos</c> section of meta.json (formats.md §9). <see cref="IndexStats"/> and
/// <see cref="UploadTime"/> are written only when set: null reproduces thanosbench's (Thanos 0.28)
/// local meta.json, set values what Thanos 0.40+ uploads.
/// </summary>
public sealed record ThanosMeta(LabelSet Labels, long DownsampleResolution, string Source)
{
    public int Version { get; init; }
    public IReadOnlyList<string> SegmentFiles { get; init; } = Array.Empty<string>();
    public IReadOnlyList<ThanosFile> Files { get; init; } = Array.Empty<ThanosFile>();

    /// <summary>Raw JSON of <c>rewrites</c>, kept as read so a rewrite of meta.json loses nothing.</summary>
    public string? RewritesJson { get; init; }

    /// <summary><c>index_stats</c>: series_max_size and chunk_max_size (0 = absent); null = section absent.</summary>
    public (long SeriesMaxSize, long ChunkMaxSize)? IndexStats { get; init; }

    /// <summary>Raw JSON of <c>extensions</c>; null = absent.</summary>
    public string? ExtensionsJson { get; init; }

    /// <summary><c>upload_time</c> as RFC 3339 text (nanoseconds kept); null = absent.</summary>
    public string? UploadTime { get; init; }
}
