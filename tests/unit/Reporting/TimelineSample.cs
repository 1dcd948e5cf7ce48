using ThanosLab.Engine.Reporting;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Tests.Reporting;

/// <summary>
/// A small bucket's worth of blocks made in memory, fixed to the millisecond, for the golden console
/// picture: two streams over January 2024, compacted and level-1 blocks, 5m and 1h downsampling, an
/// overlapping copy, each kind of mark, a gap and a partial upload.
/// </summary>
public static class TimelineSample
{
    public static readonly long January = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private const long Day = 86_400_000;

    public static string Id(int n) => $"01HN{n:D22}";

    public static IReadOnlyList<TimelineBlock> Blocks()
    {
        var eu1 = LabelSet.Create(new[] { new Label("cluster", "eu1") });
        var eu2 = LabelSet.Create(new[] { new Label("cluster", "eu2"), new Label("replica", "a") });
        var blocks = new List<TimelineBlock>
        {
            Block(1, eu1, 0, 0, 14, 4),
            Block(2, eu1, 0, 14, 21, 3),
            Block(3, eu1, 0, 21, 25, 2),
            Block(4, eu1, 0, 25, 26, 1),
            Block(5, eu1, 0, 25, 26, 1),
            Block(6, eu1, 0, 26, 27, 1) with { DeletionMarked = true },
            Block(7, eu1, 0, 27, 28, 1) with { NoCompactMarked = true },
            Block(8, eu1, 300_000, 0, 14, 4),
            Block(9, eu1, 300_000, 14, 21, 3) with { NoDownsampleMarked = true },
            Block(10, eu1, 3_600_000, 0, 14, 4),
            Block(11, eu2, 0, 0, 7, 3),
            Block(12, eu2, 0, 17, 31, 4),
            new TimelineBlock(Id(13)) { IsPartial = true, SizeBytes = 4096, Location = "/bucket/" + Id(13) },
        };
        return blocks;
    }

    private static TimelineBlock Block(int n, LabelSet labels, long resolution, int fromDay, int toDay, int level) => new(Id(n))
    {
        MinTime = January + fromDay * Day,
        MaxTime = January + toDay * Day,
        Level = level,
        Resolution = resolution,
        Labels = labels,
        Series = 5 * n,
        Samples = 1000 * n,
        Chunks = 10 * n,
        SizeBytes = 2048 * n,
        Source = level == 1 ? "sidecar" : "compactor",
        Sources = new[] { Id(n) },
        Location = "/bucket/" + Id(n),
    };
}
