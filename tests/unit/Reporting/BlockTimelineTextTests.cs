using ThanosLab.Engine;
using ThanosLab.Engine.Reporting;
using Xunit;

namespace ThanosLab.Tests.Reporting;

/// <summary>The console picture of <see cref="TimelineSample"/>, compared with a golden file line by line.</summary>
public sealed class BlockTimelineTextTests
{
    private static BlockTimeline Sample() =>
        BlockTimeline.FromBlocks(null, TimelineSample.Blocks(), Array.Empty<Engine.Objstore.Doctor.BucketFinding>(), check: false, DateTimeOffset.UnixEpoch);

    [Fact]
    public void TheSampleAtEightyColumnsIsTheGoldenPicture()
    {
        var lines = BlockTimelineText.Render(Sample(), 80);
        var golden = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Reporting", "Fixtures", "timeline-80.txt"));
        Assert.Equal(golden, lines);
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"'{l}' is {l.Length} columns"));
    }

    [Fact]
    public void ANarrowWidthIsRefusedNamingTheWidthAndTheLeastAccepted()
    {
        var e = Assert.Throws<ThanosLabException>(() => BlockTimelineText.Render(Sample(), 39));
        Assert.Equal("TimelineTooNarrow", e.ErrorId);
        Assert.Contains("39", e.Message);
        Assert.Contains("40", e.Message);
    }

    [Fact]
    public void EveryWidthKeepsEveryLineWithinIt()
    {
        foreach (var width in new[] { 40, 57, 120, 300 })
        {
            Assert.All(BlockTimelineText.Render(Sample(), width), l => Assert.True(l.Length <= width, $"'{l}' is wider than {width}"));
        }
    }
}
