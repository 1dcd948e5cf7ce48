namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// Blocks whose meta.json is there but does not read (bad JSON, wrong version, another block's id, too
/// large). Thanos' fetcher counts them as corrupted and hides them from every component; the other
/// blocks are checked as usual.
/// </summary>
public sealed class UnreadableMetaCheck : IBucketCheck
{
    public IEnumerable<BucketFinding> Check(BucketSurvey survey) =>
        survey.Blocks.Where(b => b.MetaError is not null).Select(b => new BucketFinding(BucketFindingKind.UnreadableMeta, new[] { b.Id }, null,
            $"{b.MetaError!.Message} Thanos hides the block from queries and compaction.",
            "Replace the meta.json object named here with a good copy of the block's meta.json, or delete the block's prefix if its data is not needed."));
}
