using ThanosLab.Engine.Downsampling;

namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>Blocks Thanos' downsampler would still work on (<see cref="DownsampleProgress"/>: state Eligible).</summary>
public sealed class MissingDownsampleCheck : IBucketCheck
{
    public IEnumerable<BucketFinding> Check(BucketSurvey survey)
    {
        foreach (var status in DownsampleProgress.Of(survey).Where(s => s.State == DownsampleState.Eligible))
        {
            var block = status.Block;
            var meta = block.Meta!;
            var span = TimeSpan.FromMilliseconds(meta.MaxTime - meta.MinTime);
            var minSpan = status.Target == DownsampleResolution.FiveMinutes ? DownsampleResolution.FiveMinuteRange : DownsampleResolution.OneHourRange;
            yield return new BucketFinding(BucketFindingKind.MissingDownsample, new[] { block.Id }, BlockStream.Of(meta),
                $"Block {block.Id} ({DownsampleResolution.Name(status.Resolution)}, spanning {(long)span.TotalHours}h, at least {minSpan / DownsampleResolution.OneHour}h) has {status.MissingSources} of {meta.Compaction.Sources.Count} source(s) that no {DownsampleResolution.Name(status.Target)} block covers: it has not been downsampled to {DownsampleResolution.Name(status.Target)}.",
                "Run a compactor on this bucket with downsampling on (without --downsampling.disable); if the block should stay at its resolution, give it a no-downsample mark (Set-ThanosBlockMark -Kind NoDownsample).");
        }
    }
}
