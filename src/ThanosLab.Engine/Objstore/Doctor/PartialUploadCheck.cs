using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// Block prefixes without meta.json: an upload still running or one that died, or a deletion that
/// stopped half way (Thanos deletes meta.json first). Thanos' compactor deletes such a prefix once its
/// newest object (or, when the listing gives no times, its ULID) is older than 48 h, unless it has a
/// deletion mark, which leaves it to the blocks cleaner.
/// </summary>
public sealed class PartialUploadCheck : IBucketCheck
{
    /// <summary>Thanos' PartialUploadThresholdAge.</summary>
    public static readonly TimeSpan ThresholdAge = TimeSpan.FromHours(48);

    public IEnumerable<BucketFinding> Check(BucketSurvey survey)
    {
        foreach (var block in survey.Blocks.Where(b => b.IsPartial))
        {
            var (written, from) = block.LastModified is { } modified
                ? (modified, "its newest object was written")
                : (BlockUlid.TryParse(block.Id, out var ulid) ? ulid.Time : survey.Now, "the listing gives no times; its ULID says it was made");
            var age = survey.Now - written;
            var cleanup = block.DeletionMarked
                ? "It has a deletion mark: a deletion stopped after meta.json was removed, and the compactor's blocks cleaner finishes it."
                : age > ThresholdAge
                    ? "The compactor deletes it on its next run (partial uploads older than 48h are deleted)."
                    : $"The compactor deletes it from {written + ThresholdAge:u} on (partial uploads older than 48h are deleted).";
            yield return new BucketFinding(BucketFindingKind.PartialUpload, new[] { block.Id }, null,
                $"Block {block.Id} has {block.Objects.Count} object(s) but no meta.json, so no Thanos component reads it; {from} at {written:u} ({FormatAge(age)} ago). {cleanup}",
                "If an upload of this block is still running, wait for it. Otherwise upload the block again (Publish-ThanosBlock) if its data is still on disk, or let the compactor clean the prefix up.");
        }
    }

    internal static string FormatAge(TimeSpan age) =>
        age < TimeSpan.Zero ? "0m" : age.TotalHours >= 1 ? $"{(long)age.TotalHours}h{age.Minutes}m" : $"{(long)age.TotalMinutes}m";
}
