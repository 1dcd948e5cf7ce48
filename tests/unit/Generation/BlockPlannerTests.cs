using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb.Labels;
using Xunit;

namespace ThanosLab.Tests.Generation;

public class BlockPlannerTests
{
    private static readonly DateTimeOffset NewYear2024 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LabelSet One = LabelSet.Create(new[] { new Label("cluster", "one") });

    [Fact]
    public void Continuous365dTinyMatchesFormatsSection18()
    {
        var plan = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-365d-tiny"), One, NewYear2024);
        Assert.Equal(13, plan.Count);
        const long m = 1704074400000;
        Assert.Equal(1704067200001, plan[0].MinTime);
        Assert.Equal(m, plan[0].MaxTime);
        long[] hours = { 2, 2, 2, 8, 176, 176, 176, 176, 1608, 1608, 1608, 1608, 1608 };
        long sum = 0;
        for (var j = 0; j < plan.Count; j++)
        {
            var prev = sum;
            sum += hours[j] * 3_600_000;
            // formats.md §18: spec [M - S_j + j + 1, M - S_{j-1} + j]
            Assert.Equal(m - sum + j + 1, plan[j].MinTime);
            Assert.Equal(m - prev + j, plan[j].MaxTime);
            Assert.Equal(5, plan[j].Series.Count);
            Assert.All(plan[j].Series, s => Assert.Equal(1, s.Targets));
            Assert.Equal("continuous_app_metric4", plan[j].Series[4].Labels.Get("__name__"));
            Assert.Equal(One, plan[j].ExternalLabels);
        }
    }

    [Fact]
    public void AlignedMaxTimeMovesAFullRangeForward()
    {
        Assert.Equal(1704074400000, BlockPlanner.AlignedEnd(1704067200000));
        Assert.Equal(1704074400000, BlockPlanner.AlignedEnd(1704067200001));
        Assert.Equal(1704074400000, BlockPlanner.AlignedEnd(1704074399999));
    }

    [Fact]
    public void RealisticProfileChurnsSeriesOnEveryRollout()
    {
        var plan = BlockPlanner.Plan(ThanosbenchProfiles.Get("realistic-k8s-30d-tiny"), One, NewYear2024);
        Assert.Equal(9, plan.Count);
        // Newest 2h block: rollouts at maxt-30m, -1h30m, -2h30m: three generations of 5 metrics.
        Assert.Equal(15, plan[0].Series.Count);
        var first = plan[0].Series[0];
        Assert.Equal("2024-01-01 01:30:00 +0000 UTC", first.Labels.Get("next_rollout_time"));
        Assert.Equal(1704072600000, first.MinTime);
        Assert.Equal(1704074400000, first.MaxTime);
        var small = BlockPlanner.Plan(ThanosbenchProfiles.Get("realistic-k8s-2d-small"), One, NewYear2024)[0];
        Assert.Equal(3 * 50, small.Series.Count);
        Assert.All(small.Series, x => Assert.Equal(100, x.Targets));
    }

    [Fact]
    public void AllEightProfilesPlan()
    {
        Assert.Equal(8, ThanosbenchProfiles.Profiles.Count);
        foreach (var p in ThanosbenchProfiles.Profiles)
        {
            var plan = BlockPlanner.Plan(p, One, NewYear2024);
            Assert.Equal(p.Ranges.Count, plan.Count);
            Assert.All(plan, b => Assert.NotEmpty(b.Series));
        }
    }

    [Fact]
    public void UnknownProfileListsTheValidOnes()
    {
        var e = Assert.Throws<ThanosLabException>(() => ThanosbenchProfiles.Get("continuous-1y"));
        Assert.Equal("UnknownProfile", e.ErrorId);
        Assert.Contains("'continuous-1y'", e.Message);
        foreach (var name in ThanosbenchProfiles.Names) Assert.Contains(name, e.Message);
    }

    [Theory]
    [InlineData("__name__")]
    [InlineData("__meta")]
    public void ReservedExternalLabelsAreRejected(string name)
    {
        var labels = LabelSet.Create(new[] { new Label(name, "x") });
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), labels, NewYear2024));
        Assert.Equal("ReservedExternalLabel", e.ErrorId);
        Assert.Contains(name, e.Message);
    }

    [Theory]
    [InlineData("1cluster", "InvalidLabelName")]
    [InlineData("clus-ter", "InvalidLabelName")]
    [InlineData("", "InvalidLabelName")]
    public void InvalidLabelNamesAreRejected(string name, string errorId)
    {
        var e = Assert.Throws<ThanosLabException>(() => LabelSet.Create(new[] { new Label(name, "x") }));
        Assert.Equal(errorId, e.ErrorId);
        Assert.Contains($"'{name}'", e.Message);
    }

    [Fact]
    public void DuplicateAndEmptyLabelsAreRejected()
    {
        Assert.Equal("DuplicateLabelName", Assert.Throws<ThanosLabException>(() => LabelSet.Create(new[] { new Label("a", "1"), new Label("a", "2") })).ErrorId);
        Assert.Equal("InvalidLabelValue", Assert.Throws<ThanosLabException>(() => LabelSet.Create(new[] { new Label("a", "") })).ErrorId);
        Assert.Equal("InvalidLabelValue", Assert.Throws<ThanosLabException>(() => LabelSet.Create(new[] { new Label("a", "\ud800") })).ErrorId);
    }

    [Fact]
    public void MaxTimeOutOfRangeIsRejected()
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), One, new DateTimeOffset(1970, 1, 2, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("MaxTimeOutOfRange", e.ErrorId);
    }

    [Fact]
    public void OverridesChangeTheSeriesShape()
    {
        var o = new PlanOverrides { ScrapeInterval = TimeSpan.FromSeconds(30), Targets = 3, MetricsPerTarget = 2, SeriesType = SeriesType.Counter, Min = 0, Max = 10, Jitter = 1 };
        var plan = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), One, NewYear2024, o);
        var s = Assert.Single(plan[0].Series.Take(1));
        Assert.Equal(2, plan[0].Series.Count);
        Assert.Equal(3, s.Targets);
        Assert.Equal(SeriesType.Counter, s.Type);
        Assert.Equal(TimeSpan.FromSeconds(30), s.Characteristics.ScrapeInterval);
        Assert.Equal(10, s.Characteristics.Max);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-15)]
    public void ZeroOrNegativeScrapeIntervalIsRejected(int seconds)
    {
        var o = new PlanOverrides { ScrapeInterval = TimeSpan.FromSeconds(seconds) };
        var e = Assert.Throws<ThanosLabException>(() => BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-30d-tiny"), One, NewYear2024, o));
        Assert.Equal("InvalidScrapeInterval", e.ErrorId);
    }
}
