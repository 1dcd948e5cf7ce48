using ThanosLab.Engine.Objstore.Doctor;

namespace ThanosLab.Engine.Reporting;

/// <summary>One row of the timeline: the blocks of one stream (external labels and resolution), oldest first.</summary>
public sealed record TimelineLane(BlockStream Stream, IReadOnlyList<TimelineBlock> Blocks)
{
    /// <summary>As Thanos' compactor names the group: <c>raw@{cluster="one"}</c>.</summary>
    public string Name => Stream.ToString();
}
