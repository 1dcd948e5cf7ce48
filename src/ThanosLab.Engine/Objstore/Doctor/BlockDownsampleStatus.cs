namespace ThanosLab.Engine.Objstore.Doctor;

/// <summary>
/// One raw or 5m block and what Thanos' downsampler does with it: <paramref name="Target"/> is the next
/// resolution, <paramref name="DownsampledTo"/> the blocks of that resolution holding its sources,
/// <paramref name="MissingSources"/> how many of its sources none of them holds.
/// </summary>
public sealed record BlockDownsampleStatus(
    BucketBlock Block, long Resolution, long Target, DownsampleState State,
    IReadOnlyList<string> DownsampledTo, int MissingSources, string? Reason);
