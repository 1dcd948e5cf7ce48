using ThanosLab.Engine.Downsampling;

namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// The downsampler's view of a bucket (formats.md §13, cmd/thanos/compact.go): of the blocks the compactor
/// sees, a raw block is downsampled to 5m once it spans 40 h, a 5m block to 1h once it spans 10 days, unless
/// it has a no-downsample mark; a block is done when every one of its sources is in a block of the next
/// resolution. Blocks whose deletion mark is older than half the delete delay, and duplicates the
/// deduplication filter drops, are out of the compactor's view and so never downsampled.
/// </summary>
public static class DownsampleProgress
{
    /// <summary>One status per raw and 5m block with a readable meta.json, oldest first.</summary>
    public static IReadOnlyList<BlockDownsampleStatus> Of(BucketSurvey survey)
    {
        var view = survey.InCompactorView;
        var covering = new Dictionary<long, ILookup<Ulid, string>>
        {
            [DownsampleResolution.FiveMinutes] = SourcesAt(view, DownsampleResolution.FiveMinutes),
            [DownsampleResolution.OneHour] = SourcesAt(view, DownsampleResolution.OneHour),
        };
        var inView = view.Select(b => b.Id).ToHashSet(StringComparer.Ordinal);
        var duplicateOf = survey.Duplicates.ToDictionary(d => d.Duplicate.Id, d => d.Cover.Id, StringComparer.Ordinal);
        var result = new List<BlockDownsampleStatus>();
        foreach (var block in survey.Blocks.Where(b => b.Meta is not null).OrderBy(b => b.Meta!.MinTime).ThenBy(b => b.Id, StringComparer.Ordinal))
        {
            var meta = block.Meta!;
            var resolution = DownsampleResolution.Of(meta);
            var target = resolution switch
            {
                DownsampleResolution.Raw => DownsampleResolution.FiveMinutes,
                DownsampleResolution.FiveMinutes => DownsampleResolution.OneHour,
                _ => 0L,
            };
            if (target == 0) continue;
            var sources = meta.Compaction.Sources;
            var to = sources.SelectMany(s => covering[target][s]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var missing = sources.Count(s => !covering[target][s].Any());
            var reason = missing == 0 ? null : WhyNotDownsampled(survey, block, target, inView, duplicateOf);
            var state = missing == 0 ? DownsampleState.Downsampled : reason is null ? DownsampleState.Eligible : DownsampleState.NotEligible;
            result.Add(new BlockDownsampleStatus(block, resolution, target, state, to, missing, reason));
        }
        return result;
    }

    private static string? WhyNotDownsampled(BucketSurvey survey, BucketBlock block, long target, HashSet<string> inView, Dictionary<string, string> duplicateOf)
    {
        if (survey.HiddenByDeletionMark(block))
        {
            return $"it has a deletion mark from {survey.DeletionMarks[block.Id].Time:u}, older than half the delete delay ({survey.DeleteDelay.TotalHours:0.##} h): the compactor no longer sees it and will delete it";
        }
        if (!inView.Contains(block.Id))
        {
            return $"block {duplicateOf[block.Id]} covers its sources: the compactor's deduplication filter leaves it out";
        }
        if (block.NoDownsampleMarked)
        {
            return $"it has a {BlockMark.NoDownsampleFileName}: the compactor leaves it at {DownsampleResolution.Name(DownsampleResolution.Of(block.Meta!))}";
        }
        return DownsampleResolution.WhyNotEligible(block.Meta!, target);
    }

    private static ILookup<Ulid, string> SourcesAt(IEnumerable<BucketBlock> blocks, long resolution) =>
        blocks.Where(b => DownsampleResolution.Of(b.Meta!) == resolution)
            .SelectMany(b => b.Meta!.Compaction.Sources.Select(s => (Source: s, b.Id)))
            .ToLookup(x => x.Source, x => x.Id);
}
