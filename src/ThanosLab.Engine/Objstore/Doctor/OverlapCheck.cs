namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// Blocks of one stream whose [minTime, maxTime) ranges intersect, among the blocks the compactor
/// works on (<see cref="BucketSurvey.InCompactorView"/>). Its "pre compaction overlap check" halts on
/// them unless vertical compaction is on. Blocks that overlap through a chain (A with B, B with C) are
/// one finding naming all of them; blocks of different streams never overlap each other.
/// </summary>
public sealed class OverlapCheck : IBucketCheck
{
    public IEnumerable<BucketFinding> Check(BucketSurvey survey)
    {
        foreach (var stream in survey.InCompactorView.GroupBy(b => BlockStream.Of(b.Meta!)).OrderBy(s => s.Key.ToString(), StringComparer.Ordinal))
        {
            var cluster = new List<BucketBlock>();
            long clusterEnd = long.MinValue;
            foreach (var block in stream.OrderBy(b => b.Meta!.MinTime).ThenBy(b => b.Id, StringComparer.Ordinal))
            {
                if (cluster.Count > 0 && block.Meta!.MinTime >= clusterEnd)
                {
                    if (cluster.Count > 1) yield return Finding(stream.Key, cluster, survey);
                    cluster = new List<BucketBlock>();
                }
                clusterEnd = cluster.Count == 0 ? block.Meta!.MaxTime : Math.Max(clusterEnd, block.Meta!.MaxTime);
                cluster.Add(block);
            }
            if (cluster.Count > 1) yield return Finding(stream.Key, cluster, survey);
        }
    }

    private static BucketFinding Finding(BlockStream stream, IReadOnlyList<BucketBlock> blocks, BucketSurvey survey)
    {
        var ranges = string.Join(", ", blocks.Select(b =>
            $"{b.Id} [{DateTimeOffset.FromUnixTimeMilliseconds(b.Meta!.MinTime):u}, {DateTimeOffset.FromUnixTimeMilliseconds(b.Meta.MaxTime):u})" +
            (b.NoCompactMarked ? " no-compact-marked" : "") + (survey.DeletionMarks.ContainsKey(b.Id) ? " deletion-marked" : "")));
        return new BucketFinding(BucketFindingKind.Overlap, blocks.Select(b => b.Id).ToArray(), stream,
            $"{blocks.Count} blocks of {stream} overlap: {ranges}. Thanos' compactor halts on this group ('pre compaction overlap check') unless vertical compaction is enabled.",
            "If the blocks hold the same data twice (a second upload, two replicas with the same labels), mark the redundant copies for deletion; " +
            "if they hold different data, run the compactor with --compact.enable-vertical-compaction (or --deduplication.replica-label) to merge them. " +
            "A no-compact mark (Set-ThanosBlockMark -Kind NoCompact) keeps these blocks out of compaction plans while you decide, " +
            "but Thanos still counts them in its overlap check, so the halt stays until one copy is gone or vertical compaction is on.")
        {
            RecommendedMark = BlockMarkKind.NoCompact,
        };
    }
}
