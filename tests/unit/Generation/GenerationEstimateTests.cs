using ThanosLab.Engine;
using ThanosLab.Engine.Generation;
using ThanosLab.Engine.Tsdb.Labels;
using Xunit;

namespace ThanosLab.Tests.Generation;

public class GenerationEstimateTests
{
    private static readonly DateTimeOffset NewYear = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryProfileFitsInOneGibibyteWrittenTwoBlocksAtATime()
    {
        foreach (var profile in ThanosbenchProfiles.Profiles)
        {
            var estimate = GenerationEstimate.Of(BlockPlanner.Plan(profile, LabelSet.Empty, NewYear), 2);
            Assert.True(estimate.PeakMemoryBytes < 1L << 30, $"{profile.Name}: {estimate.PeakMemoryBytes:N0} bytes");
            estimate.EnsureFits(1L << 30);
        }
    }

    [Fact]
    public void TheEstimateCountsSeriesAndSamplesAsTheBlocksWillHoldThem()
    {
        var plan = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-365d-tiny"), LabelSet.Empty, NewYear);
        var estimate = GenerationEstimate.Of(plan, 1);
        Assert.Equal(13 * 5, estimate.Series);
        Assert.Equal(10_509_600, estimate.Samples);
    }

    [Fact]
    public void AMillionTargetsOfAHundredMetricsAreRefusedSayingTheEstimate()
    {
        var plan = BlockPlanner.Plan(ThanosbenchProfiles.Get("continuous-1w-small"), LabelSet.Empty, NewYear,
            new PlanOverrides { Targets = 1_000_000 });
        var e = Assert.Throws<ThanosLabException>(() => GenerationEstimate.Of(plan, 2).EnsureFits(16L << 30));
        Assert.Equal("PlanTooLarge", e.ErrorId);
        Assert.Contains("900,000,000 series", e.Message);
        Assert.Contains("16.0 GiB this machine has available", e.Message);
    }
}
