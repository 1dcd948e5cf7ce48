namespace ThanosLab.Engine.Tsdb.Meta;

/// <summary>
/// A block's meta.json (formats.md §3, §9). <see cref="MaxTime"/> is exclusive.
/// </summary>
public sealed record BlockMeta(Ulid Ulid, long MinTime, long MaxTime, BlockStats Stats, BlockCompaction Compaction)
{
    public const int SupportedVersion = 1;

    public int Version { get; init; } = SupportedVersion;

    /// <summary>
    /// The ULID as text. The PowerShell layer reads this instead of <see cref="Ulid"/>: the Ulid
    /// assembly lives in the module's private load context, which the cmdlet assembly cannot see.
    /// </summary>
    public string Id => Ulid.ToString();

    /// <summary>The Thanos section, or null for a plain Prometheus block.</summary>
    public ThanosMeta? Thanos { get; init; }
}
