using ThanosLab.Engine.Tsdb.Meta;
namespace ThanosLab.Engine.Tsdb;

/// <summary>
/// What <see cref="BlockVerifier"/> found in one block: the issues (empty when healthy) and how much
/// of the content it checked. <see cref="Meta"/> is null when meta.json is missing or invalid.
/// When <paramref name="SamplesDecoded"/> is false, <paramref name="SamplesChecked"/> is what the chunks' headers announce.
/// </summary>
public sealed record BlockVerification(string Path, BlockMeta? Meta, IReadOnlyList<BlockIssue> Issues,
    long SeriesChecked, long ChunksChecked, long SamplesChecked, bool SamplesDecoded = true)
{
    /// <summary>The block's ULID from meta.json, else the directory name.</summary>
    public string Id => Meta?.Id ?? System.IO.Path.GetFileName(System.IO.Path.TrimEndingDirectorySeparator(Path));

    public bool IsHealthy => Issues.Count == 0;
}
