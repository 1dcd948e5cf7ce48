namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// Blocks whose compaction sources are all inside another block's of the same stream (a compaction
/// uploaded twice, or sources left behind without their deletion mark). The compactor's deduplication
/// filter hides such a block and marks it for deletion; until then it wastes space and store-gateway memory.
/// </summary>
public sealed class DuplicateCompactionCheck : IBucketCheck
{
    public IEnumerable<BucketFinding> Check(BucketSurvey survey) =>
        survey.Duplicates.Select(d => new BucketFinding(BucketFindingKind.DuplicateCompaction, new[] { d.Duplicate.Id, d.Cover.Id }, BlockStream.Of(d.Duplicate.Meta!),
            $"All {d.Duplicate.Meta!.Compaction.Sources.Count} compaction sources of {d.Duplicate.Id} (level {d.Duplicate.Meta.Compaction.Level}) are sources of {d.Cover.Id} (level {d.Cover.Meta!.Compaction.Level}): " +
            $"{d.Duplicate.Id} holds no data that {d.Cover.Id} does not. Thanos' compactor ignores it and marks it for deletion.",
            $"Nothing to do where a compactor runs on this bucket; otherwise mark {d.Duplicate.Id} (only it, not {d.Cover.Id}) for deletion.")
        {
            Targets = new[] { d.Duplicate.Id },
            RecommendedMark = BlockMarkKind.Deletion,
        });
}
