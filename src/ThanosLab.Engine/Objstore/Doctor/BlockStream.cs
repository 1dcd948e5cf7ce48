using ThanosLab.Engine.Tsdb.Labels;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// A compaction group as Thanos' compactor forms it: blocks with the same external labels and the same
/// downsampling resolution. The compactor compacts, deduplicates and checks overlaps only inside one.
/// </summary>
public sealed record BlockStream(LabelSet Labels, long Resolution)
{
    public static BlockStream Of(BlockMeta meta) => new(meta.Thanos?.Labels ?? LabelSet.Empty, meta.Thanos?.DownsampleResolution ?? 0);

    /// <summary>As Thanos' compactor logs a group: <c>5m@{cluster="one"}</c>.</summary>
    public override string ToString() => $"{ResolutionName(Resolution)}@{Labels}";

    public static string ResolutionName(long resolution) => resolution switch
    {
        0 => "raw",
        BucketSurvey.FiveMinutes => "5m",
        BucketSurvey.OneHour => "1h",
        _ => $"{resolution}ms",
    };
}
