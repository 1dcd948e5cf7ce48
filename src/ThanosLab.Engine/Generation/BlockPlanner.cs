using System.Globalization;
using ThanosLab.Engine.Tsdb.Labels;

namespace ThanosLab.Engine.Generation;

/// <summary>
/// thanosbench's <c>block plan</c>: turns a profile, external labels and a max time into block specs,
/// newest first (formats.md §17.1).
/// </summary>
public static class BlockPlanner
{
    private const long TwoHoursMs = 2 * 3_600_000L;

    /// <summary>Earliest and latest max time accepted: the plan must stay within int64 ms and after 1970.</summary>
    public static readonly DateTimeOffset MinMaxTime = new(1971, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset MaxMaxTime = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Prometheus' block alignment: the end of the 2 h range holding <paramref name="t"/> (an aligned t moves a full range on).</summary>
    public static long AlignedEnd(long t) => t / TwoHoursMs * TwoHoursMs + TwoHoursMs;

    public static IReadOnlyList<BlockSpec> Plan(ThanosbenchProfile profile, LabelSet externalLabels, DateTimeOffset maxTime, PlanOverrides? overrides = null)
    {
        overrides ??= PlanOverrides.None;
        LabelNameRules.ValidateExternal(externalLabels);
        if (maxTime < MinMaxTime || maxTime > MaxMaxTime)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "MaxTimeOutOfRange",
                $"The max time {maxTime.UtcDateTime:O} is out of range: give a time between {MinMaxTime:yyyy-MM-dd} and {MaxMaxTime:yyyy-MM-dd} so that the year of data before it stays in the TSDB's millisecond range.",
                maxTime);
        }
        var targets = overrides.Targets ?? profile.Apps;
        var metrics = overrides.MetricsPerTarget ?? profile.MetricsPerApp;
        if (targets < 1)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidTargetCount",
                $"The target count {targets} is not accepted: give 1 or more.", targets);
        }
        if (metrics < 1)
        {
            throw new ThanosLabException(ErrorKind.InvalidArgument, "InvalidMetricCount",
                $"The metric count {metrics} is not accepted: give 1 or more metrics per target.", metrics);
        }
        var characteristics = overrides.Apply(SeriesCharacteristics.ProfileDefault);
        characteristics.Validate();
        var type = overrides.SeriesType ?? SeriesType.Gauge;
        var histogram = overrides.HistogramShapeFor(type);

        var maxt = AlignedEnd(maxTime.ToUnixTimeMilliseconds());
        var rollout = (long)profile.RolloutInterval.TotalMilliseconds;
        var lastRollout = maxt - rollout / 2;
        var blocks = new List<BlockSpec>(profile.Ranges.Count);
        foreach (var range in profile.Ranges)
        {
            var mint = maxt - (long)range.TotalMilliseconds + 1;
            var series = new List<SeriesSpec>();
            if (profile.Kind == ProfileKind.Continuous)
            {
                for (var i = 0; i < metrics; i++)
                {
                    series.Add(new SeriesSpec(Name("continuous_app_metric", i), targets, type, mint, maxt, characteristics, histogram));
                }
            }
            else
            {
                while (true)
                {
                    var smaxt = Math.Min(lastRollout + rollout, maxt);
                    var smint = Math.Max(lastRollout, mint);
                    var rolloutLabel = new Label("next_rollout_time", GoUtcTimeString(lastRollout));
                    for (var i = 0; i < metrics; i++)
                    {
                        var labels = LabelSet.Create(new[] { new Label("__name__", "k8s_app_metric" + i.ToString(CultureInfo.InvariantCulture)), rolloutLabel });
                        series.Add(new SeriesSpec(labels, targets, type, smint, smaxt, characteristics, histogram));
                    }
                    if (lastRollout <= mint) break;
                    lastRollout -= rollout;
                }
            }
            blocks.Add(new BlockSpec(mint, maxt, externalLabels, series));
            maxt = mint;
        }
        return blocks;
    }

    private static LabelSet Name(string prefix, int i) =>
        LabelSet.Create(new[] { new Label("__name__", prefix + i.ToString(CultureInfo.InvariantCulture)) });

    /// <summary>Go's <c>time.Time.String()</c> of a UTC instant, e.g. <c>2019-10-17 23:30:00 +0000 UTC</c>.</summary>
    public static string GoUtcTimeString(long ms)
    {
        var t = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        var s = t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var frac = ms % 1000;
        if (frac < 0) frac += 1000;
        if (frac != 0)
        {
            s += "." + frac.ToString("000", CultureInfo.InvariantCulture).TrimEnd('0');
        }
        return s + " +0000 UTC";
    }
}
