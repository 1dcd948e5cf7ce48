using ThanosLab.Engine.Tsdb;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Lab;

/// <summary>
/// Prometheus' time-based retention over the blocks of a data directory. Prometheus deletes every
/// block that ends more than the retention before its newest block ends (tsdb BeyondTimeRetention),
/// at start-up and after each head compaction; a lab Prometheus scrapes, so its newest block soon
/// ends about now. Generated data lies in the past, which is why the default of 15 d deletes it.
/// </summary>
public static class PrometheusRetention
{
    /// <summary>The tutorial's --storage.tsdb.retention.time, the least ThanosLab chooses.</summary>
    public static readonly TimeSpan Tutorial = TimeSpan.FromDays(1000);

    /// <summary>What Prometheus takes for no retention (and for 0).</summary>
    public static readonly TimeSpan PrometheusDefault = TimeSpan.FromDays(15);

    /// <summary>How long a lab may run on the chosen retention before its oldest block ages out.</summary>
    public static readonly TimeSpan Headroom = TimeSpan.FromDays(365);

    /// <summary>The blocks in <paramref name="dataPath"/> whose meta.json reads; none when it does not exist yet.</summary>
    public static IReadOnlyList<BlockMeta> Blocks(string dataPath) =>
        Directory.Exists(dataPath)
            ? LocalBlockDirectory.List(dataPath).Where(e => e.State == LocalBlockState.Block).Select(e => e.Meta!).ToList()
            : Array.Empty<BlockMeta>();

    /// <summary>
    /// A retention that keeps every block from its oldest start to now, plus <see cref="Headroom"/>;
    /// at least <see cref="Tutorial"/>. Rounded up to whole years of 365 days, so the flag (and with
    /// it the component's spec) stays the same from one day to the next.
    /// </summary>
    public static TimeSpan Covering(IReadOnlyList<BlockMeta> blocks, DateTimeOffset now)
    {
        if (blocks.Count == 0) return Tutorial;
        var span = TimeSpan.FromMilliseconds(Math.Max(0, Reference(blocks, now) - blocks.Min(b => b.MinTime)));
        var years = Math.Ceiling((span + Headroom).TotalDays / 365);
        return TimeSpan.FromDays(Math.Max(Tutorial.TotalDays, years * 365));
    }

    /// <summary>
    /// The blocks <paramref name="retention"/> deletes, at start-up or once Prometheus writes a
    /// block of the data it scrapes now; oldest first. Zero means Prometheus' default, as in Prometheus.
    /// </summary>
    public static IReadOnlyList<BlockMeta> Deleted(IReadOnlyList<BlockMeta> blocks, TimeSpan retention, DateTimeOffset now)
    {
        if (blocks.Count == 0) return Array.Empty<BlockMeta>();
        if (retention <= TimeSpan.Zero) retention = PrometheusDefault;
        var reference = Reference(blocks, now);
        var ms = (long)Math.Min(long.MaxValue / 2, retention.TotalMilliseconds);
        return blocks.Where(b => reference - b.MaxTime > ms).OrderBy(b => b.MinTime).ToList();
    }

    private static long Reference(IReadOnlyList<BlockMeta> blocks, DateTimeOffset now) =>
        Math.Max(now.ToUnixTimeMilliseconds(), blocks.Max(b => b.MaxTime));
}
