using ThanosLab.Engine.Generation;
using Xunit;

namespace ThanosLab.Tests.Generation;

public class GenerationProgressTests
{
    [Fact]
    public void RatesAndTimeLeftFollowWhatWasWritten()
    {
        var now = TimeSpan.Zero;
        var p = new GenerationProgress(1_000_000, 4, () => now);
        now = TimeSpan.FromMilliseconds(500);
        p.Add(100_000, 400);
        // No estimate in the first second: the start of a run is not its pace.
        Assert.Null(p.Remaining);
        Assert.Equal("100,000 of 1,000,000 samples, 0 of 4 blocks", p.Describe());

        now = TimeSpan.FromSeconds(2);
        p.Add(300_000, 1_600);
        p.BlockDone();
        Assert.Equal(200_000, p.SamplesPerSecond);
        Assert.Equal(1_000, p.SeriesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(3), p.Remaining);
        Assert.Equal(40, p.PercentComplete);
        Assert.Equal("400,000 of 1,000,000 samples (200,000 samples/s, 1,000 series/s), 1 of 4 blocks", p.Describe());

        now = TimeSpan.FromSeconds(4);
        p.Add(9_600_000, 400_000);
        Assert.Equal("10,000,000 of 1,000,000 samples (2.5 M samples/s, 100,500 series/s), 1 of 4 blocks", p.Describe());
        Assert.Equal(TimeSpan.Zero, p.Remaining);
        Assert.Equal(100, p.PercentComplete);
    }
}
