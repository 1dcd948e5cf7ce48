namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// Blocks Thanos' downsampler would still work on (formats.md §13): a raw block spanning at least 40 h
/// with a source no 5m block has, or a 5m block spanning at least 10 days with a source no 1h block has;
/// blocks with a no-downsample mark are left out, as the downsampler leaves them out.
/// </summary>
public sealed class MissingDownsampleCheck : IBucketCheck
{
    /// <summary>Thanos' ResLevel1DownsampleRange: 40 h.</summary>
    public const long RawSpan = 40 * BucketSurvey.OneHour;

    /// <summary>Thanos' ResLevel2DownsampleRange: 10 days.</summary>
    public const long FiveMinuteSpan = 240 * BucketSurvey.OneHour;

    public IEnumerable<BucketFinding> Check(BucketSurvey survey)
    {
        var view = survey.InCompactorView;
        var coveredAt = new Dictionary<long, HashSet<Ulid>>
        {
            [BucketSurvey.FiveMinutes] = SourcesAt(view, BucketSurvey.FiveMinutes),
            [BucketSurvey.OneHour] = SourcesAt(view, BucketSurvey.OneHour),
        };
        foreach (var block in view.OrderBy(b => b.Meta!.MinTime).ThenBy(b => b.Id, StringComparer.Ordinal))
        {
            var meta = block.Meta!;
            var stream = BlockStream.Of(meta);
            var (next, minSpan) = stream.Resolution switch
            {
                0 => (BucketSurvey.FiveMinutes, RawSpan),
                BucketSurvey.FiveMinutes => (BucketSurvey.OneHour, FiveMinuteSpan),
                _ => (0L, 0L),
            };
            if (next == 0 || block.NoDownsampleMarked || meta.MaxTime - meta.MinTime < minSpan) continue;
            var missing = meta.Compaction.Sources.Count(s => !coveredAt[next].Contains(s));
            if (missing == 0) continue;
            var span = TimeSpan.FromMilliseconds(meta.MaxTime - meta.MinTime);
            yield return new BucketFinding(BucketFindingKind.MissingDownsample, new[] { block.Id }, stream,
                $"Block {block.Id} ({BlockStream.ResolutionName(stream.Resolution)}, spanning {(long)span.TotalHours}h, at least {minSpan / BucketSurvey.OneHour}h) has {missing} of {meta.Compaction.Sources.Count} source(s) that no {BlockStream.ResolutionName(next)} block covers: it has not been downsampled to {BlockStream.ResolutionName(next)}.",
                "Run a compactor on this bucket with downsampling on (without --downsampling.disable); if the block should stay at its resolution, give it a no-downsample mark (thanos tools bucket mark --marker=no-downsample-mark.json).");
        }
    }

    private static HashSet<Ulid> SourcesAt(IEnumerable<BucketBlock> blocks, long resolution) =>
        blocks.Where(b => BlockStream.Of(b.Meta!).Resolution == resolution).SelectMany(b => b.Meta!.Compaction.Sources).ToHashSet();
}
