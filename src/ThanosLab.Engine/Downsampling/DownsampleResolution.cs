using System.Globalization;
using ThanosLab.Engine.Tsdb.Meta;

namespace ThanosLab.Engine.Downsampling;

/// <summary>
/// Thanos' resolutions (ms) and the compactor's rules for when a block is downsampled
/// (cmd/thanos/downsample.go, downsampling.md): raw → 5m once the block spans 40 h, 5m → 1h once it
/// spans 10 days, always one step at a time.
/// </summary>
public static class DownsampleResolution
{
    public const long Raw = 0;
    public const long FiveMinutes = 300_000;
    public const long OneHour = 3_600_000;

    /// <summary>The span a raw block needs before the compactor downsamples it to 5m.</summary>
    public const long FiveMinuteRange = 40L * 60 * 60 * 1000;

    /// <summary>The span a 5m block needs before the compactor downsamples it to 1h.</summary>
    public const long OneHourRange = 10L * 24 * 60 * 60 * 1000;

    /// <summary>The block's resolution: its Thanos section's, raw for a plain Prometheus block.</summary>
    public static long Of(BlockMeta meta) => meta.Thanos?.DownsampleResolution ?? Raw;

    /// <summary>"raw", "5m", "1h", else the milliseconds.</summary>
    public static string Name(long resolution) => resolution switch
    {
        Raw => "raw",
        FiveMinutes => "5m",
        OneHour => "1h",
        _ => resolution.ToString(CultureInfo.InvariantCulture) + "ms",
    };

    /// <summary>Parses "5m" or "1h" (the two targets the compactor writes).</summary>
    public static long ParseTarget(string text) => text switch
    {
        "5m" => FiveMinutes,
        "1h" => OneHour,
        _ => throw new ThanosLabException(ErrorKind.InvalidArgument, "UnknownResolution",
            $"'{text}' is not a downsampling resolution; Thanos downsamples to 5m and 1h.", text, "Use -Resolution 5m or -Resolution 1h."),
    };

    /// <summary>
    /// Why the compactor would not downsample <paramref name="meta"/> to <paramref name="target"/>,
    /// or null when it would (sources already covered are the bucket's business, not the block's).
    /// </summary>
    public static string? WhyNotEligible(BlockMeta meta, long target)
    {
        var resolution = Of(meta);
        var (needed, range) = target switch
        {
            FiveMinutes => (Raw, FiveMinuteRange),
            OneHour => (FiveMinutes, OneHourRange),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target, "Thanos downsamples to 5m and 1h only."),
        };
        if (resolution != needed)
        {
            return $"its resolution is {Name(resolution)}; the compactor downsamples only {Name(needed)} blocks to {Name(target)}";
        }
        var span = meta.MaxTime - meta.MinTime;
        if (span < range)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"it spans {TimeSpan.FromMilliseconds(span).TotalHours:0.##} h; the compactor downsamples {Name(needed)} blocks to {Name(target)} only from {range / 3_600_000} h (maxTime - minTime >= {range} ms)");
        }
        return null;
    }
}
